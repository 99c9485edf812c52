// Areas for tests that need a resident (a resident always has an area) or cameras placed in areas.

async function call(hubUrl: string, cookie: string, method: string, p: string, body?: unknown) {
  const res = await fetch(`${hubUrl}${p}`, {
    method,
    headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text}`);
  return JSON.parse(text) as { area?: { id: number }; areas?: { id: number; name: string; parentId: number | null }[] };
}

/** Creates an area as an admin (a root, or under `parentId`) and returns its id. */
export async function addArea(hubUrl: string, adminCookie: string, name: string, parentId: number | null = null): Promise<number> {
  return (await call(hubUrl, adminCookie, 'POST', '/api/areas', { name, parentId })).area!.id;
}

/** The id of an area to put residents in: "Tổ dân phố 1" under "Phường Thử", made on first use. */
export async function residentArea(hubUrl: string, adminCookie: string): Promise<number> {
  const { areas = [] } = await call(hubUrl, adminCookie, 'GET', '/api/areas');
  const found = areas.find((a) => a.name === 'Tổ dân phố 1');
  if (found) return found.id;
  const ward = areas.find((a) => a.name === 'Phường Thử')?.id ?? (await addArea(hubUrl, adminCookie, 'Phường Thử'));
  return addArea(hubUrl, adminCookie, 'Tổ dân phố 1', ward);
}
