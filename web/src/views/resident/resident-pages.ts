// Which page a resident route mounts (app.ts hands every ResidentRoute here).
import type { AppContext, Page } from '../../app-context.ts';
import type { MyCamerasApi } from '../../api/my-cameras-api.ts';
import { createAccessPage } from './access-page.ts';
import { createCameraPage } from './camera-page.ts';
import { createMyPage } from './my-page.ts';
import { createNeighbourhoodPage } from './neighbourhood-page.ts';
import { createNoticePage } from './notice-page.ts';
import { createRegisterPage } from './register-page.ts';
import { createRequestsPage } from './requests-page.ts';
import type { ResidentRoute } from './resident-routes.ts';

export function createResidentPage(ctx: AppContext, api: MyCamerasApi, route: ResidentRoute): Page {
  switch (route.name) {
    case 'my':
      return createMyPage(ctx);
    case 'my-new':
      return createRegisterPage(ctx, api);
    case 'my-camera':
      return createCameraPage(ctx, api, route.cameraId);
    case 'neighbourhood':
      return createNeighbourhoodPage(ctx);
    case 'my-access':
      return createAccessPage(ctx, api);
    case 'notice':
      return createNoticePage(ctx, api, route.cameraId);
    case 'my-requests':
      // footage requests (helper D)
      return createRequestsPage(ctx);
  }
}
