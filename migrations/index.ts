import { PlatformCore1764520000000 } from './1764520000000-platform-core';

/** Every migration, in order. Listed explicitly so src/ and dist/ load the same set. */
export const MIGRATIONS = [PlatformCore1764520000000];
