import { PlatformCore1764520000000 } from './1764520000000-platform-core';
import { MailOutbox1764530000000 } from './1764530000000-mail-outbox';
import { Identity1764540000000 } from './1764540000000-identity';
import { Installation1764550000000 } from './1764550000000-installation';
import { PlatformStaff1764570000000 } from './1764570000000-platform-staff';
import { Invitations1764560000000 } from './1764560000000-invitations';
import { AccountSettings1764560500000 } from './1764560500000-account-settings';
import { ProfilesMatching1764580000000 } from './1764580000000-profiles-matching';
import { MentorSearch1764581000000 } from './1764581000000-mentor-search';
import { Engagements1764590000000 } from './1764590000000-engagements';
import { MentorSearchTerms1764600000000 } from './1764600000000-mentor-search-terms';
import { ArabicArticleFold1764601000000 } from './1764601000000-arabic-article-fold';
import { SearchIndexNoPendingList1764602000000 } from './1764602000000-search-index-no-pending-list';
import { CandidatesListedOnly1764603000000 } from './1764603000000-candidates-listed-only';
import { SearchRanksFromTerms1764604000000 } from './1764604000000-search-ranks-from-terms';
import { CandidatePoolsFilter1764605000000 } from './1764605000000-candidate-pools-filter';
import { MatchingReadsNarrowRows1764606000000 } from './1764606000000-matching-reads-narrow-rows';
import { CheaperSearchSamples1764607000000 } from './1764607000000-cheaper-search-samples';

/** Every migration, in order. Listed explicitly so src/ and dist/ load the same set. */
export const MIGRATIONS = [
  PlatformCore1764520000000,
  MailOutbox1764530000000,
  Identity1764540000000,
  Installation1764550000000,
  Invitations1764560000000,
  AccountSettings1764560500000,
  PlatformStaff1764570000000,
  ProfilesMatching1764580000000,
  MentorSearch1764581000000,
  Engagements1764590000000,
  MentorSearchTerms1764600000000,
  ArabicArticleFold1764601000000,
  SearchIndexNoPendingList1764602000000,
  CandidatesListedOnly1764603000000,
  SearchRanksFromTerms1764604000000,
  CandidatePoolsFilter1764605000000,
  MatchingReadsNarrowRows1764606000000,
  CheaperSearchSamples1764607000000,
];
