import type { Io } from '../realtime/realtime.ts';
import type { FootageRequestService } from './footage-request-service.ts';

/** A request's news reaches only the camera's owner and the requester (their rooms user:<id>), nobody else. */
export function pushFootageRequestEvents(io: Io, requests: FootageRequestService): void {
  requests.on('created', (dto, to) => io.to(to.map((id) => `user:${id}`)).emit('footage-request:created', dto));
  requests.on('updated', (dto, to) => io.to(to.map((id) => `user:${id}`)).emit('footage-request:updated', dto));
}
