// English strings: residents' cameras waiting for an officer's approval, and the errors of registering, sharing
// and approving a resident's camera.
import type { messagesViApprovals } from './messages-vi-approvals.ts';

export const messagesEnApprovals: Record<keyof typeof messagesViApprovals, string> = {
  'nav.approvals': 'Approvals',
  'approvals.title': 'Residents\' cameras to approve',
  'approvals.intro': 'Cameras residents registered in your areas. Look at the picture, the place and what the owner agrees to share, then approve or decline (say why: the owner reads it).',
  'approvals.none': 'No camera is waiting for approval.',
  'approvals.noPermission': 'Only admins and police officers approve residents\' cameras.',
  'approvals.badge': '{count} camera(s) waiting for approval',
  'approvals.place': 'Place',
  'approvals.area': 'Area',
  'approvals.owner': 'Owner',
  'approvals.since': 'Sent',
  'approvals.shares': 'Shares',
  'approvals.share.police-live.yes': 'Police may watch live and play back',
  'approvals.share.police-live.no': 'Police may not watch live',
  'approvals.share.police-on-request.yes': 'Police may ask for footage of an incident',
  'approvals.share.police-on-request.no': 'Police may not ask for footage',
  'approvals.share.group.yes': 'Neighbours of the same group may watch live',
  'approvals.share.group.no': 'Not shared with neighbours',
  'approvals.reason': 'Reason (required to decline)',
  'approvals.reasonRequired': 'Say why you decline: the owner reads it.',
  'approvals.approve': 'Approve',
  'approvals.decline': 'Decline',
  'approvals.approved': 'Camera "{name}" approved.',
  'approvals.declined': 'Camera "{name}" declined.',

  'error.camera-address-not-public': 'This is not an internet address. Use your home\'s DDNS name or public IP address (with the port forwarded on the router).',
  'error.camera-address-unresolved': 'This address could not be found. Check the DDNS name.',
  'error.approval-reason-required': 'Say why: the owner reads it.',
  'error.place-required': 'Say where the camera looks (at most 120 characters).',
  'error.preview-rate-limited': 'Too many connection tests. Wait a few minutes and try again.',
  'error.resident-without-area': 'Your account is not placed in a group yet. Please ask the police post.',
  'error.source-kind-not-allowed': 'Residents add a camera by RTMP push, an RTSP address or a recorder\'s channel.',
};
