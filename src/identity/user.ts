export type Role = 'entrepreneur' | 'mentor' | 'admin';
export type UserStatus = 'pending_approval' | 'active' | 'declined' | 'suspended';

export interface User {
  id: string;
  email: string;
  emailVerified: boolean;
  name: string;
  locale: string;
  country: string;
  roles: Role[];
  status: UserStatus;
}

/** What waits for a member, shown as counts in the navigation. */
export interface WaitingCounts {
  unreadConversations: number;
  requestsWaiting: number;
}

/** What pages know about the signed-in person. */
export type Viewer = Pick<User, 'id' | 'name' | 'roles' | 'status'> & Partial<WaitingCounts>;
