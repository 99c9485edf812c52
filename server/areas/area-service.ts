// The commune's areas: a tree of xã/phường → thôn/tổ dân phố (deeper levels allowed). Admins shape it; staff
// see all of it; a resident sees their own area and those above it. Moving an area changes what the staff limited
// to the areas above it may see: their sessions end so that their sockets join the right rooms again.
import { isStaff } from '../access/permissions.ts';
import type { AreaDto, SessionUserDto } from '../contracts.ts';
import type { AreaRow, AreasRepo } from '../db/areas-repo.ts';
import { AppError } from '../errors.ts';
import { nameKey } from '../wall/wall-view-service.ts';
import type { CreateArea, UpdateArea } from './area-schemas.ts';

export const AREA_NAME_MAX = 100;

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** What the area rules need to know of people. */
export interface AreaPeople {
  areaScope(userId: number): number[] | null;
  /** ends a user's sessions (their sockets close; the next request sees their new scope) */
  endSessions(userId: number): void;
}

/** Parents before children, siblings by name (Vietnamese order, numbers by value: Tổ 2 before Tổ 10). */
export function treeOrder<T extends { id: number; parentId: number | null; name: string }>(areas: T[]): T[] {
  const byParent = new Map<number | null, T[]>();
  const ids = new Set(areas.map((a) => a.id));
  for (const a of areas) {
    const key = a.parentId !== null && ids.has(a.parentId) ? a.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), a]);
  }
  const out: T[] = [];
  const walk = (parent: number | null) => {
    for (const a of (byParent.get(parent) ?? []).sort((x, y) => collator.compare(x.name, y.name) || x.id - y.id)) {
      out.push(a);
      walk(a.id);
    }
  };
  walk(null);
  return out;
}

const toDto = (a: AreaRow): AreaDto => ({ id: a.id, parentId: a.parentId, name: a.name, cameraCount: a.cameraCount, residentCount: a.residentCount });

export class AreaService {
  constructor(
    private readonly repo: AreasRepo,
    private readonly people: AreaPeople,
  ) {}

  /** Staff: the whole tree. Residents: their own area and those above it, without counts. */
  list(user: SessionUserDto): AreaDto[] {
    if (isStaff(user.role)) return treeOrder(this.repo.list().map(toDto));
    if (user.areaId === null) return [];
    return this.repo.withAncestors(user.areaId).reverse().map((a) => ({ ...toDto(a), cameraCount: 0, residentCount: 0 }));
  }

  get(id: number): AreaDto {
    const a = Number.isSafeInteger(id) ? this.repo.byId(id) : undefined;
    if (!a) throw new AppError('area-not-found', `Area ${id} does not exist.`);
    return toDto(a);
  }

  /** "Tổ 3, Phường Hòa Minh": the area and those above it, as an address is written */
  pathName(id: number): string {
    return this.repo.withAncestors(id).map((a) => a.name).join(', ');
  }

  create(body: CreateArea): AreaDto {
    if (body.parentId !== null) this.get(body.parentId);
    const name = this.checkName(body.name, body.parentId);
    return this.get(this.unique(() => this.repo.insert({ parentId: body.parentId, name })));
  }

  update(id: number, body: UpdateArea): AreaDto {
    const before = this.get(id);
    const parentId = body.parentId === undefined ? before.parentId : body.parentId;
    const moved = parentId !== before.parentId;
    if (moved && parentId !== null) {
      this.get(parentId);
      if (this.repo.subtreeIds(id).includes(parentId)) {
        throw new AppError('area-cycle', 'An area cannot be placed inside itself or inside an area under it.');
      }
    }
    const name = body.name === undefined && !moved ? before.name : this.checkName(body.name ?? before.name, parentId, id);
    const staff = moved ? this.repo.limitedStaff() : [];
    const scopes = new Map(staff.map((u) => [u, this.people.areaScope(u)]));
    this.unique(() => this.repo.update(id, { parentId, name }));
    for (const u of staff) {
      const was = scopes.get(u) ?? null;
      const now = this.people.areaScope(u);
      if (JSON.stringify(was) !== JSON.stringify(now)) this.people.endSessions(u);
    }
    return this.get(id);
  }

  /** Only an empty area goes: no area under it, no camera, no person, no staff limit, no open invitation. */
  delete(id: number): void {
    this.get(id);
    const use = this.repo.use(id, new Date().toISOString());
    if (Object.values(use).some((n) => n > 0)) {
      throw new AppError('area-in-use', 'This area still holds areas, cameras, people, staff limits or open invitations.', use);
    }
    this.repo.delete(id);
  }

  private checkName(raw: string, parentId: number | null, exceptId = 0): string {
    const name = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
    if (name.length === 0) throw new AppError('area-name-required', 'An area needs a name.');
    if ([...name].length > AREA_NAME_MAX) {
      throw new AppError('area-name-too-long', `An area's name has at most ${AREA_NAME_MAX} characters.`);
    }
    const key = nameKey(name);
    if (this.repo.siblingNames(parentId, exceptId).some((n) => nameKey(n) === key)) throw this.taken(name);
    return name;
  }

  private taken(name: string): AppError {
    return new AppError('area-name-taken', `Another area in the same place is already called "${name}".`);
  }

  /** the database's unique index is the last word when two admins add the same name at once */
  private unique<T>(write: () => T): T {
    try {
      return write();
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw this.taken('');
      throw err;
    }
  }
}
