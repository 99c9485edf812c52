// The areas as the hub lists them (parents before children) read as a tree: depth for indenting, what lies under
// an area (an area includes its descendants), and an area's full name.
import type { AreaDto } from '../../../../server/contracts.ts';

export interface AreaNode extends AreaDto {
  depth: number;
}

export function withDepth(areas: AreaDto[]): AreaNode[] {
  const depth = new Map<number, number>();
  return areas.map((a) => {
    const d = a.parentId === null ? 0 : (depth.get(a.parentId) ?? -1) + 1;
    depth.set(a.id, d);
    return { ...a, depth: d };
  });
}

/** the area and every area under it */
export function subtree(areas: AreaDto[], id: number): Set<number> {
  const out = new Set([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const a of areas) {
      if (a.parentId !== null && out.has(a.parentId) && !out.has(a.id)) {
        out.add(a.id);
        grew = true;
      }
    }
  }
  return out;
}

/** "Tổ 3, Phường Hòa Minh" */
export function areaPath(areas: AreaDto[], id: number | null): string {
  const byId = new Map(areas.map((a) => [a.id, a]));
  const names: string[] = [];
  for (let a = id === null ? undefined : byId.get(id); a && names.length < 20; a = a.parentId === null ? undefined : byId.get(a.parentId)) {
    names.push(a.name);
  }
  return names.join(', ');
}

/** <option>s of the tree, indented by depth */
export function areaOptions(areas: AreaDto[], doc: Document = document): HTMLOptionElement[] {
  return withDepth(areas).map((a) => {
    const o = doc.createElement('option');
    o.value = String(a.id);
    o.textContent = `${'\u00a0\u00a0\u00a0'.repeat(a.depth)}${a.name}`;
    return o;
  });
}
