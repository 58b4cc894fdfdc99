import { PlatformCore1764520000000 } from './1764520000000-platform-core';
import { MailOutbox1764530000000 } from './1764530000000-mail-outbox';
import { Identity1764540000000 } from './1764540000000-identity';
import { Installation1764550000000 } from './1764550000000-installation';

/** Every migration, in order. Listed explicitly so src/ and dist/ load the same set. */
export const MIGRATIONS = [
  PlatformCore1764520000000,
  MailOutbox1764530000000,
  Identity1764540000000,
  Installation1764550000000,
];
