// Moved to server/media (the stream info reads it too); kept here for the live push's imports.
export { codecString } from '../media/codec-string.ts';
