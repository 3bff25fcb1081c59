/**
 * The delegated Graph permissions the tab asks for: least privilege, and no Sites.*.All.
 * Sites.Selected gives access only to the sites an administrator has granted the app (the
 * partnership site), and within it only what the signed-in user may do.
 */
export const GRAPH_SCOPES: readonly string[] = [
  'User.Read',
  'Sites.Selected',
  'ChannelMessage.Send',
  'Chat.Create',
  'ChatMessage.Send',
  'TeamsActivity.Send',
];
