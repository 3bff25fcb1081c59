import type { Client } from '@microsoft/microsoft-graph-client';
import type { PersonRef } from '../domain/records.js';

/** A person found in the organisation, with what tells namesakes apart. */
export type FoundPerson = PersonRef & { readonly detail: string };

export type PeopleSearch = {
  /** Up to ten people whose name or mail matches the text. */
  search(text: string): Promise<FoundPerson[]>;
};

/**
 * Searches the organisation's people through Graph: `$search` on name and mail, which Graph
 * accepts on users only with `ConsistencyLevel: eventual`.
 */
export function createPeopleSearch(client: Client): PeopleSearch {
  return {
    async search(text) {
      // A quote would end the search phrase early.
      const term = text.replace(/"/g, '');
      const res = (await client
        .api('/users')
        .header('ConsistencyLevel', 'eventual')
        .query({ $search: `"displayName:${term}" OR "mail:${term}"` })
        .select('id,displayName,jobTitle,department')
        .top(10)
        .get()) as {
        value: Array<{
          id: string;
          displayName: string;
          jobTitle?: string | null;
          department?: string | null;
        }>;
      };
      return res.value.map((u) => ({
        id: u.id,
        displayName: u.displayName,
        detail: [u.jobTitle, u.department].filter(Boolean).join(', '),
      }));
    },
  };
}

/**
 * A person's sign-in name from their Entra object id (what the lists store): SharePoint's REST API
 * names people by it when item permissions are granted.
 */
export function userPrincipalNameOf(client: Client): (id: string) => Promise<string> {
  return async (id) => {
    const user = (await client
      .api(`/users/${encodeURIComponent(id)}`)
      .select('userPrincipalName')
      .get()) as { userPrincipalName: string };
    return user.userPrincipalName;
  };
}
