// Media sessions follow the camera registry: a new source restarts the camera's sessions (those with a persistent
// consumer start again at once, the others stop and start on the next viewer); a removed camera's sessions stop.
import type { CameraEvents } from '../cameras/camera-events.ts';

export interface CameraSessions {
  restartCamera(cameraId: string): void;
  removeCamera(cameraId: string): void;
}

/** Returns the function that stops following. */
export function followCamerasWithSessions(media: CameraSessions, cameras: CameraEvents): () => void {
  const changed = ({ camera, sourceChanged }: { camera: { id: string }; sourceChanged: boolean }) => {
    if (sourceChanged) media.restartCamera(camera.id);
  };
  const removed = (id: string) => media.removeCamera(id);
  cameras.on('changed', changed);
  cameras.on('removed', removed);
  return () => {
    cameras.off('changed', changed);
    cameras.off('removed', removed);
  };
}
