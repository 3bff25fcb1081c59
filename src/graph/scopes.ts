/**
 * The delegated Graph permissions the tab asks for, each the least that does the job. Sites.Selected
 * gives access only to the sites an administrator has granted the app (the partnership site), and
 * within it only what the signed-in user may do: no Sites.*.All. Two read permissions end in .All
 * because Graph has nothing narrower for what they do:
 * - User.ReadBasic.All: the people picker at commissioning searches the organisation's users
 *   (basic profile only: name, job title, department);
 * - ChannelMessage.Read.All: before resending a notification whose answer was lost, the outbox
 *   reads the channel's recent messages to see whether it arrived, so it is never posted twice.
 */
export const GRAPH_SCOPES: readonly string[] = [
  'User.Read',
  'User.ReadBasic.All',
  'Sites.Selected',
  'ChannelMessage.Send',
  'ChannelMessage.Read.All',
  'Chat.Create',
  'ChatMessage.Send',
  'ChatMessage.Read',
];

/**
 * SharePoint's own delegated permission, for its REST API where Graph has no call for a person:
 * giving a contribution or a feedback item its own permissions when a workflow creates it.
 * Sites.Selected (SharePoint): only the sites an administrator granted the app, with full control
 * there (breaking inheritance needs Manage Permissions), and within it only what the signed-in
 * person may do; only the partnership's owners may manage permissions.
 */
export const SHAREPOINT_SCOPE = 'Sites.Selected';

/** The scope as MSAL asks for it: on the partnership's SharePoint host (`hostname:/sites/path`). */
export function sharePointScopes(siteRef: string): readonly string[] {
  const host = /^([^:/]+):\//.exec(siteRef)?.[1];
  return host ? [`https://${host}/${SHAREPOINT_SCOPE}`] : [];
}

/** The .All permissions above, each with the reason it cannot be narrower. */
export const BROAD_SCOPES_AND_WHY: Readonly<Record<string, string>> = {
  'User.ReadBasic.All': "people picker over the organisation's users (basic profile only)",
  'ChannelMessage.Read.All':
    'checking the channel for a notification whose answer was lost, before resending it',
};
