// Alerts to browsers (subscribed in main.ts): `alert:created` / `alert:acknowledged` to the people who may see
// them — a camera's alerts to the staff who may see that camera (its per-camera room), incident alerts like the
// incident, storage alerts to admins — and the recorder's `storage:alert` to admins as before (the banner).
import type { AlertDto } from '../contracts.ts';
import type { Recorder, StorageAlert } from '../recording/recorder.ts';
import { COMMUNE_STAFF, incidentRooms, staffRoom } from '../realtime/camera-rooms.ts';
import type { Io } from '../realtime/realtime.ts';
import { STORAGE_KINDS, type AlertService } from './alert-service.ts';

export function pushAlertEvents(io: Io, alerts: AlertService, recorder: Pick<Recorder, 'on' | 'off'>): () => void {
  const room = (a: AlertDto) => {
    if (STORAGE_KINDS.includes(a.kind)) return io.to('role:admin');
    if (a.kind === 'incident') return io.to(incidentRooms(a.cameraId ? [a.cameraId] : []));
    return io.to(a.cameraId ? staffRoom(a.cameraId) : COMMUNE_STAFF);
  };
  const created = (a: AlertDto) => room(a).emit('alert:created', a);
  const acknowledged = (a: AlertDto) => room(a).emit('alert:acknowledged', a);
  const storage = (a: StorageAlert) => {
    io.to('role:admin').emit('storage:alert', a);
  };
  alerts.on('created', created);
  alerts.on('acknowledged', acknowledged);
  recorder.on('storage-alert', storage);
  return () => {
    alerts.off('created', created);
    alerts.off('acknowledged', acknowledged);
    recorder.off('storage-alert', storage);
  };
}
