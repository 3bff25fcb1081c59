/**
 * The fictional tenant that a fresh data folder is seeded with. Every person, place and
 * organisation here is invented for demonstration and testing; none is real.
 * Ids are fixed so that development tokens can be made without the emulator running.
 */

export type SeedUser = {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  userPrincipalName: string;
  jobTitle: string;
  department: string;
};

export type SeedGroup = { id: string; displayName: string; members: string[] };

export const TENANT_ID = 'f1c7104a-0000-4000-8000-00000000feed';
export const TENANT_DOMAIN = 'northshire.example';
export const SHAREPOINT_HOST = 'fictional-northshire.sharepoint.com';
export const ROOT_SITE_ID = `${SHAREPOINT_HOST},0b0e0000-0000-4000-8000-000000000001,0b0e0000-0000-4000-8000-000000000002`;
export const PARTNERSHIP_SITE_ID = `${SHAREPOINT_HOST},5a5e0000-0000-4000-8000-000000000001,5a5e0000-0000-4000-8000-000000000002`;
export const PARTNERSHIP_SITE_PATH = '/sites/partnership';
export const TEAM_ID = '7ea30000-0000-4000-8000-000000000001';
export const AUDIT_CHANNEL_ID = '19:audit0000000000000000000000000001@thread.tacv2';
export const GENERAL_CHANNEL_ID = '19:general000000000000000000000001@thread.tacv2';

const user = (
  n: number,
  givenName: string,
  surname: string,
  jobTitle: string,
  department: string,
): SeedUser => ({
  id: `5eed0000-0000-4000-8000-${n.toString().padStart(12, '0')}`,
  displayName: `${givenName} ${surname}`,
  givenName,
  surname,
  userPrincipalName: `${givenName}.${surname}@${TENANT_DOMAIN}`.toLowerCase(),
  jobTitle,
  department,
});

export const SEED_USERS: readonly SeedUser[] = [
  user(1, 'Morgan', 'Ellis', 'Business manager', 'Safeguarding partnership business unit'),
  user(2, 'Priya', 'Shah', 'Auditor', "Children's social care"),
  user(3, 'Tom', 'Okafor', 'Auditor', 'Health'),
  user(4, 'Dana', 'Whitfield', 'Auditor', 'Police'),
  user(5, 'Sam', 'Carter', 'Auditor', 'Education'),
  user(6, 'Lee', 'Marsh', 'Auditor', 'Early help'),
  user(
    7,
    'Ruth',
    'Adeyemi',
    'Lead auditor and moderator',
    'Safeguarding partnership business unit',
  ),
  user(8, 'Helen', 'Brooks', 'Sign-off manager', "Children's social care"),
  user(9, 'Marcus', 'Reid', 'Sign-off manager', 'Health'),
  user(10, 'Jo', 'Fenwick', 'Practitioner (social worker)', "Children's social care"),
  user(11, 'Alex', 'Kim', 'Practitioner (health visitor)', 'Health'),
  user(12, 'Chris', 'Doyle', 'Practitioner (teacher)', 'Education'),
  user(13, 'Nadia', 'Hussain', 'Practitioner (police officer)', 'Police'),
  user(14, 'Grace', 'Lin', 'Agency lead', 'Health'),
  user(15, 'Owen', 'Price', 'Agency lead', 'Police'),
  user(16, 'Fatima', 'Noor', 'Agency lead', "Children's social care"),
  user(17, 'Vic', 'Stone', 'Finance officer (no access to the partnership site)', 'Finance'),
];

const ids = (...numbers: number[]): string[] =>
  numbers.map((n) => (SEED_USERS[n - 1] as SeedUser).id);

export const AUDIT_TEAM_GROUP: SeedGroup = {
  id: '6a0b0000-0000-4000-8000-000000000001',
  displayName: 'Partnership audit team',
  members: ids(2, 3, 4, 5, 6, 7, 8, 9, 14, 15, 16),
};

export const PRACTITIONERS_GROUP: SeedGroup = {
  id: '6a0b0000-0000-4000-8000-000000000002',
  displayName: 'Partnership practitioners',
  members: ids(10, 11, 12, 13),
};

export const SEED_GROUPS: readonly SeedGroup[] = [AUDIT_TEAM_GROUP, PRACTITIONERS_GROUP];

export type SiteGroupSeed = {
  title: string;
  description: string;
  /** The built-in permission level the group holds on the web. */
  role: 'Full Control' | 'Contribute' | 'Read';
  members: ReadonlyArray<{ user: string } | { entraGroup: string }>;
};

/**
 * The partnership site as SharePoint makes a new team site: the business manager is its site
 * collection administrator, and three default site groups hold levels on the web (Full Control, Contribute, Read). Until provisioning sets the product's permissions, every list inherits these: the audit team
 * may change everything, which is what provisioning exists to fix.
 */
export const PARTNERSHIP_SITE_SECURITY: {
  admins: readonly string[];
  groups: readonly SiteGroupSeed[];
} = {
  admins: ids(1),
  groups: [
    {
      title: 'Safeguarding Partnership Owners',
      description: 'Owners of the partnership site',
      role: 'Full Control',
      members: [{ user: ids(1)[0] as string }],
    },
    {
      title: 'Safeguarding Partnership Members',
      description: 'Members of the partnership site',
      // Contribute, as on classic team sites: members add and edit items but make no lists.
      role: 'Contribute',
      members: [{ entraGroup: AUDIT_TEAM_GROUP.id }],
    },
    {
      title: 'Safeguarding Partnership Visitors',
      description: 'Visitors of the partnership site',
      role: 'Read',
      members: [{ entraGroup: PRACTITIONERS_GROUP.id }],
    },
  ],
};

export const TEAM_MEMBERS: readonly string[] = ids(
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  9,
  10,
  11,
  12,
  13,
  14,
  15,
  16,
);

/** The scopes a development token carries unless others are asked for. */
export const DEFAULT_DEV_SCOPES: readonly string[] = [
  'User.Read',
  'User.ReadBasic.All',
  'Sites.Selected',
  'Channel.ReadBasic.All',
  'ChannelMessage.Send',
  'ChannelMessage.Read.All',
  'Team.ReadBasic.All',
  'Chat.Create',
  'Chat.ReadWrite',
  'ChatMessage.Send',
  'TeamsActivity.Send',
];

/** The delegated SharePoint scope a development token for SharePoint's REST API carries. */
export const SHAREPOINT_DEV_SCOPES: readonly string[] = ['Sites.Selected'];

export function findSeedUser(upnOrId: string): SeedUser | undefined {
  const key = upnOrId.toLowerCase();
  return SEED_USERS.find((u) => u.id === key || u.userPrincipalName === key);
}
