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

/** What pages know about the signed-in person. */
export type Viewer = Pick<User, 'id' | 'name' | 'roles' | 'status'>;
