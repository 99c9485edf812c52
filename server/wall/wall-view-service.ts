import type { SessionUserDto, WallLayout, WallViewDto, WallViewListDto } from '../contracts.ts';
import type { WallViewRow, WallViewsRepo } from '../db/wall-views-repo.ts';
import { AppError } from '../errors.ts';
import type { CreateWallView, UpdateWallView } from './wall-view-schemas.ts';

/** The cameras a user may watch (CameraService.list applies the view rule). */
export interface ViewableCameras {
  list(user: SessionUserDto): { id: string }[];
}

export const NAME_MAX = 60;
export const VIEWS_PER_USER_MAX = 200;

const isStaff = (user: SessionUserDto) => user.role !== 'resident';
const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** The name as compared for uniqueness: NFC, trimmed, single spaces, lower case. */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
}

/**
 * The slots resized to `layout`: the first ones keep their place; cameras beyond the new size move into the
 * empty slots that remain, in order; what still does not fit is dropped.
 */
export function fitSlots(slots: (string | null)[], layout: number): (string | null)[] {
  const out = Array.from({ length: layout }, (_, i) => slots[i] ?? null);
  const overflow = slots.slice(layout).filter((s): s is string => s !== null);
  for (let i = 0; i < out.length && overflow.length; i++) if (out[i] === null) out[i] = overflow.shift()!;
  return out;
}

/** Saved wall views: named arrangements of cameras per user, shared with staff on request; the last one used. */
export class WallViewService {
  constructor(
    private readonly repo: WallViewsRepo,
    private readonly cameras: ViewableCameras,
  ) {}

  list(user: SessionUserDto): WallViewListDto {
    const viewable = this.viewableIds(user);
    const rows = this.repo.listVisible(user.id, isStaff(user));
    rows.sort((a, b) => Number(b.ownerId === user.id) - Number(a.ownerId === user.id)
      || collator.compare(a.name, b.name) || a.id - b.id);
    const last = this.repo.lastViewId(user.id);
    return {
      views: rows.map((r) => this.toDto(r, user, viewable)),
      lastViewId: last !== null && rows.some((r) => r.id === last) ? last : null,
    };
  }

  get(id: number, user: SessionUserDto): WallViewDto {
    return this.toDto(this.visible(id, user), user, this.viewableIds(user));
  }

  create(body: CreateWallView, user: SessionUserDto): WallViewDto {
    const name = this.checkName(body.name, user.id);
    this.checkSlots(body.slots, body.layout, user);
    const shared = body.shared ?? false;
    if (shared) this.checkMayShare(user);
    if (this.repo.countByOwner(user.id) >= VIEWS_PER_USER_MAX) {
      throw new AppError('wall-view-limit', `You can keep at most ${VIEWS_PER_USER_MAX} saved views. Delete one first.`);
    }
    const id = this.insertOrTaken(() => this.repo.insert({
      ownerId: user.id, name, nameKey: nameKey(name), layout: body.layout, slots: body.slots, shared,
    }));
    return this.get(id, user);
  }

  update(id: number, body: UpdateWallView, user: SessionUserDto): WallViewDto {
    const row = this.editable(id, user);
    const name = body.name === undefined ? undefined : this.checkName(body.name, row.ownerId, row.id);
    const layout = body.layout ?? row.layout;
    let slots = body.slots;
    if (slots) this.checkSlots(slots, layout, user);
    else if (body.layout !== undefined && body.layout !== row.layout) {
      slots = fitSlots(this.readableSlots(row, this.viewableIds(user)), layout);
    }
    if (body.shared) this.checkMayShare(user, row);
    this.insertOrTaken(() => this.repo.update(id, {
      name, nameKey: name === undefined ? undefined : nameKey(name), layout: body.layout, slots, shared: body.shared,
    }));
    return this.get(id, user);
  }

  delete(id: number, user: SessionUserDto): void {
    this.editable(id, user);
    this.repo.delete(id);
  }

  /** Remembers the view the wall shows (null: all cameras); it must be one the user can see. */
  setLast(viewId: number | null, user: SessionUserDto): { lastViewId: number | null } {
    if (viewId !== null) this.visible(viewId, user);
    this.repo.setLastViewId(user.id, viewId);
    return { lastViewId: viewId };
  }

  /** The view, if the user owns it or it is shared with them; 404 otherwise (its existence is not revealed). */
  private visible(id: number, user: SessionUserDto): WallViewRow {
    const row = Number.isSafeInteger(id) ? this.repo.byId(id) : undefined;
    const seen = row && (row.ownerId === user.id || (row.shared && isStaff(user) && row.ownerRole !== 'resident'));
    if (!row || !seen) throw new AppError('wall-view-not-found', 'There is no such saved view.');
    return row;
  }

  /** Owner or admin only, among the views the user can see (an admin does not reach into private views). */
  private editable(id: number, user: SessionUserDto): WallViewRow {
    const row = this.visible(id, user);
    if (row.ownerId !== user.id && user.role !== 'admin') {
      throw new AppError('wall-view-forbidden', 'Only the owner of this view (or an admin) may change it.');
    }
    return row;
  }

  private checkName(raw: string, ownerId: number, exceptId = 0): string {
    const name = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
    if (!name) throw new AppError('wall-view-name-required', 'Give the view a name.');
    if ([...name].length > NAME_MAX) throw new AppError('wall-view-name-too-long', `A view name has at most ${NAME_MAX} characters.`);
    if (this.repo.nameTaken(ownerId, nameKey(name), exceptId)) {
      throw new AppError('wall-view-name-taken', `There is already a view named "${name}".`);
    }
    return name;
  }

  private checkSlots(slots: (string | null)[], layout: number, user: SessionUserDto): void {
    if (slots.length !== layout) {
      throw new AppError('wall-view-slots-mismatch', `A layout of ${layout} tiles needs exactly ${layout} slots (got ${slots.length}).`);
    }
    const ids = slots.filter((s): s is string => s !== null);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) throw new AppError('wall-view-duplicate-camera', `Camera ${dup} is in more than one slot.`, { cameraId: dup });
    const viewable = this.viewableIds(user);
    const unknown = ids.filter((id) => !viewable.has(id));
    if (unknown.length) {
      throw new AppError('wall-view-camera-unknown', 'A slot names a camera that does not exist or that you may not watch.',
        { cameraIds: unknown });
    }
  }

  private checkMayShare(user: SessionUserDto, row?: WallViewRow): void {
    if (!isStaff(user)) throw new AppError('wall-view-share-forbidden', 'Only staff may share a view.');
    if (row && row.ownerRole === 'resident') {
      throw new AppError('wall-view-share-forbidden', 'A resident\u2019s view cannot be shared.');
    }
  }

  /** A unique-index race (two saves of one name at once) is the same answer as the check. */
  private insertOrTaken<T>(write: () => T): T {
    try {
      return write();
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new AppError('wall-view-name-taken', 'There is already a view with that name.');
      }
      throw err;
    }
  }

  private viewableIds(user: SessionUserDto): Set<string> {
    return new Set(this.cameras.list(user).map((c) => c.id));
  }

  private readableSlots(row: WallViewRow, viewable: Set<string>): (string | null)[] {
    return fitSlots(row.slots, row.layout).map((s) => (s !== null && viewable.has(s) ? s : null));
  }

  private toDto(row: WallViewRow, user: SessionUserDto, viewable: Set<string>): WallViewDto {
    return {
      id: row.id,
      name: row.name,
      layout: row.layout as WallLayout,
      slots: this.readableSlots(row, viewable),
      shared: row.shared,
      mine: row.ownerId === user.id,
      ownerId: row.ownerId,
      ownerName: row.ownerName,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}
