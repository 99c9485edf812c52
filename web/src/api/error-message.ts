// Turns any failure into a sentence for the user: our own text for known codes, the server's otherwise.
import type { ErrorCode } from '../../../server/contracts.ts';
import type { I18n, MessageKey } from '../i18n/i18n.ts';
import { ApiError } from './http-client.ts';

const KNOWN_CODES = [
  'invalid-credentials',
  'too-many-attempts',
  'validation-failed',
  'url-scheme-not-allowed',
  'url-invalid',
  'camera-not-found',
  'forbidden',
  'unauthenticated',
  'network',
  'demo-camera-readonly',
  'internal-error',
  // incidents, clips, playback
  'invalid-status-transition',
  'incident-not-found',
  'clip-not-ready',
  'clip-not-found',
  'unknown-category',
  'occurred-in-future',
  'user-not-found',
  'assignee-not-found',
  'no-recording',
  'bad-time-range',
  // adding cameras
  'name-required',
  'onvif-unreachable',
  'onvif-timeout',
  'onvif-auth-failed',
  'onvif-not-onvif',
  'onvif-no-video-codec',
  'onvif-bad-response',
  'onvif-bad-uri',
  'onvif-host-invalid',
  'nvr-vendor-unknown',
  'nvr-channel-invalid',
  'ingest-disabled',
  'ingest-unavailable',
  'source-change-not-supported',
  'snapshot-failed',
  'snapshot-unavailable',
  // live video
  'transcode-busy',
  'transcode-disabled',
  // discovery
  'scan-busy',
  'scan-nothing-named',
  'scan-timeout-too-long',
  'range-too-large',
  'range-invalid',
  'address-not-allowed',
  'interface-not-found',
  // users
  'username-taken',
  'username-invalid',
  'password-too-short',
  'last-admin',
  'cannot-demote-self',
  'current-password-wrong',
  'password-too-weak',
  'password-unchanged',
  'account-locked',
  'password-change-required',
  // residents' cameras
  'approval-reason-required',
  'camera-address-not-public',
  'camera-address-unresolved',
  'place-required',
  'preview-rate-limited',
  'resident-without-area',
  'source-kind-not-allowed',
  // footage requests
  'footage-request-closed',
  'footage-request-duplicate',
  'footage-request-not-found',
  'footage-request-not-needed',
  'footage-request-not-owner',
  'footage-request-not-requester',
  // areas and invitations
  'area-cycle',
  'area-in-use',
  'area-limits-staff-only',
  'area-name-required',
  'area-name-taken',
  'area-name-too-long',
  'area-not-found',
  'area-required',
  'invitation-expired',
  'invitation-not-found',
  'invitation-revoked',
  'invitation-used',
] as const satisfies readonly (ErrorCode | ClientErrorCode)[];

/** codes only the web app makes (the hub could not be reached) */
type ClientErrorCode = 'network';
type KnownCode = (typeof KNOWN_CODES)[number];
/** every known code has its sentence in both languages: a missing one does not compile */
const sentenceKey = (code: KnownCode): MessageKey => `error.${code}`;

export function errorMessage(i18n: I18n, err: unknown): string {
  if (err instanceof ApiError) {
    const known = KNOWN_CODES.find((c) => c === err.code);
    if (known) return i18n.t(sentenceKey(known));
    if (err.message && !/^HTTP \d+$/.test(err.message)) return err.message;
  }
  return i18n.t('error.unknown');
}
