// Where a camera's diagnostics live: for the cameras list, the focus view and alerts.
export function healthUrl(cameraId: string): string {
  return `/cameras/${encodeURIComponent(cameraId)}/health`;
}

export function alertsUrl(state: 'open' | 'all' = 'open'): string {
  return state === 'all' ? '/alerts?state=all' : '/alerts';
}
