// /api/wall-views: saved wall views (named cameras in chosen slots with a layout) and the last one used.
import type { WallLayout, WallViewDto, WallViewListDto } from '../../../server/contracts.ts';
import type { HttpClient } from './http-client.ts';

export interface NewWallView {
  name: string;
  layout: WallLayout;
  slots: (string | null)[];
  shared?: boolean;
}

export interface WallViewPatch {
  name?: string;
  /** alone: the hub fits the saved cameras into the new size */
  layout?: WallLayout;
  slots?: (string | null)[];
  shared?: boolean;
}

export interface WallViewsApi {
  list(): Promise<WallViewListDto>;
  create(view: NewWallView): Promise<WallViewDto>;
  update(id: number, patch: WallViewPatch): Promise<WallViewDto>;
  remove(id: number): Promise<void>;
  /** the view the wall opens on next time, on any machine (null: all cameras) */
  setLast(viewId: number | null): Promise<void>;
}

export function createWallViewsApi(http: HttpClient): WallViewsApi {
  return {
    list: () => http.get<WallViewListDto>('/api/wall-views'),
    create: async (view) => (await http.post<{ view: WallViewDto }>('/api/wall-views', view)).view,
    update: async (id, patch) => (await http.patch<{ view: WallViewDto }>(`/api/wall-views/${id}`, patch)).view,
    remove: (id) => http.delete(`/api/wall-views/${id}`),
    setLast: async (viewId) => {
      await http.put<unknown>('/api/wall-views/last', { viewId });
    },
  };
}
