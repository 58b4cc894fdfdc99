import { tenantConfigSchema } from '../tenancy/config/tenant-config.schema';
import { eligibilityRefusal, initialStatus } from './eligibility';

const rules = (programme: object) =>
  tenantConfigSchema.shape.programme.parse(programme) as ReturnType<
    typeof tenantConfigSchema.shape.programme.parse
  >;

describe('eligibility', () => {
  const corporate = rules({
    mentorEligibility: { mode: 'email-domain', allowedEmailDomains: ['northwind.example'] },
  });

  it('accepts mentors only from the allowed email domains', () => {
    expect(eligibilityRefusal(corporate, ['mentor'], 'ana@northwind.example')).toBeNull();
    expect(eligibilityRefusal(corporate, ['mentor'], 'ana@NorthWind.Example')).toBeNull();
    expect(eligibilityRefusal(corporate, ['mentor'], 'ana@gmail.example')).toBe(
      'mentor_email_domain',
    );
    expect(eligibilityRefusal(corporate, ['mentor'], 'ana@evil.northwind.example.com')).toBe(
      'mentor_email_domain',
    );
  });

  it('lets anyone join as an entrepreneur when entrepreneurs are open', () => {
    expect(eligibilityRefusal(corporate, ['entrepreneur'], 'bo@gmail.example')).toBeNull();
  });

  it('refuses self-signup for invite-only roles', () => {
    const invite = rules({
      mentorEligibility: { mode: 'invite-only' },
      entrepreneurEligibility: { mode: 'invite-only' },
    });
    expect(eligibilityRefusal(invite, ['mentor'], 'a@b.example')).toBe('mentor_invite_only');
    expect(eligibilityRefusal(invite, ['entrepreneur'], 'a@b.example')).toBe(
      'entrepreneur_invite_only',
    );
  });

  it('queues members for approval only for the roles that need it', () => {
    const approval = rules({ approvalRequired: { mentors: true, entrepreneurs: false } });
    expect(initialStatus(approval, ['entrepreneur'])).toBe('active');
    expect(initialStatus(approval, ['mentor'])).toBe('pending_approval');
    expect(initialStatus(approval, ['entrepreneur', 'mentor'])).toBe('pending_approval');
  });
});
