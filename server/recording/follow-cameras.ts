// The recorder follows the camera registry: a camera added, removed, or with new recording settings re-plans
// what is recorded at once (a camera added at run time with continuous recording by default is recorded without
// a restart; a deleted camera's recording stops).
import type { CameraEvents } from '../cameras/camera-events.ts';
import type { RecordingPlan } from './recorder.ts';

export interface Replannable {
  apply(plans: RecordingPlan[]): void;
}

/** Returns the function that stops following. */
export function followCamerasWithRecorder(recorder: Replannable, cameras: CameraEvents, plan: () => RecordingPlan[]): () => void {
  const replan = () => recorder.apply(plan());
  const changed = ({ recordingChanged }: { recordingChanged: boolean }) => {
    if (recordingChanged) replan();
  };
  cameras.on('added', replan);
  cameras.on('changed', changed);
  cameras.on('removed', replan);
  return () => {
    cameras.off('added', replan);
    cameras.off('changed', changed);
    cameras.off('removed', replan);
  };
}
