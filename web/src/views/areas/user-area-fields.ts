// The user dialog's area fields: a resident's one area (required), a staff member's area limits (none = the whole
// commune). Which one shows follows the role chosen.
import type { AdminUserDto, AreaDto, Role } from '../../../../server/contracts.ts';
import { h } from '../../dom.ts';
import type { I18n, MessageKey } from '../../i18n/i18n.ts';
import { formField } from '../form-dialog.ts';
import { areaOptions } from './area-tree.ts';

export interface UserAreaFields {
  els: HTMLElement[];
  /** show the field of this role */
  sync(role: Role): void;
  check(role: Role): { key: MessageKey; field: HTMLElement } | null;
  /** the fields for a new account */
  values(role: Role): { areaId?: number; areaLimits?: number[] };
  /** what changed on an account (nothing: {}) */
  changes(role: Role, user: AdminUserDto): { areaId?: number; areaLimits?: number[] };
}

export function createUserAreaFields(i18n: I18n, areas: AreaDto[], user?: AdminUserDto): UserAreaFields {
  const area = h('select', { id: 'user-area', 'data-testid': 'user-area' }, i18n.text(h('option', { value: '' }), 'areas.choose'), ...areaOptions(areas));
  const limits = h('select', { id: 'user-area-limits', 'data-testid': 'user-area-limits', multiple: true }, ...areaOptions(areas));
  area.value = user?.areaId ? String(user.areaId) : '';
  for (const o of limits.options) o.selected = user?.areaLimits.includes(Number(o.value)) ?? false;
  const areaField = formField(i18n, 'user-area', 'users.area', area, 'users.areaHint');
  const limitsField = formField(i18n, 'user-area-limits', 'users.areaLimits', limits, 'users.areaLimitsHint');
  const chosenLimits = () => [...limits.selectedOptions].map((o) => Number(o.value)).sort((a, b) => a - b);
  return {
    els: [areaField, limitsField],
    sync(role) {
      areaField.hidden = role !== 'resident';
      limitsField.hidden = role === 'resident';
    },
    check: (role) => (role === 'resident' && !area.value ? { key: 'users.areaRequired', field: area } : null),
    values: (role) => (role === 'resident' ? { areaId: Number(area.value) } : { areaLimits: chosenLimits() }),
    changes(role, u) {
      if (role === 'resident') return Number(area.value) !== u.areaId ? { areaId: Number(area.value) } : {};
      const next = chosenLimits();
      const same = next.length === u.areaLimits.length && next.every((id, i) => id === [...u.areaLimits].sort((a, b) => a - b)[i]);
      return same ? {} : { areaLimits: next };
    },
  };
}
