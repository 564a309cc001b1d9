// The dashboard's JSON API, relative to the page, so that it works under any mount path.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function get(path) {
  const response = await fetch(`api/${path}`, { headers: { Accept: 'application/json' } });
  return read(response);
}

export async function post(path, body) {
  const response = await fetch(`api/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  return read(response);
}

async function read(response) {
  const text = await response.text();
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    data = { error: `${response.status} ${response.statusText}` };
  }
  if (!response.ok) throw new ApiError(response.status, data.error ?? response.statusText);
  return data;
}
