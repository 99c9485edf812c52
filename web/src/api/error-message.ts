// Turns any failure into a sentence for the user: our own text for known codes, the server's otherwise.
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
  'unauthorized',
  'network',
  'demo-camera-readonly',
  'internal-error',
] as const;

export function errorMessage(i18n: I18n, err: unknown): string {
  if (err instanceof ApiError) {
    if ((KNOWN_CODES as readonly string[]).includes(err.code)) {
      return i18n.t(`error.${err.code}` as MessageKey);
    }
    if (err.message && !/^HTTP \d+$/.test(err.message)) return err.message;
  }
  return i18n.t('error.unknown');
}
