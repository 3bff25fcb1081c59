import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PARTNERSHIP_SITE_ID, PARTNERSHIP_SITE_PATH } from '../../src/emulator/tenant.js';
import {
  AUDITOR,
  BUSINESS_MANAGER,
  call,
  OUTSIDER,
  PRACTITIONER,
  sharePointTokenFor,
  type TestEmulator,
  testEmulator,
  tokenFor,
} from '../support/emulator.js';

/** SharePoint's REST API for permissions, as the emulator answers it on the site's path. */

let emulator: TestEmulator;
let listId: string;
const site = `/sites/${encodeURIComponent(PARTNERSHIP_SITE_ID)}`;

async function rest(
  upn: string,
  method: string,
  path: string,
  options: { body?: unknown; verbose?: boolean; headers?: Record<string, string> } = {},
) {
  return call(emulator, method, `${emulator.url}${PARTNERSHIP_SITE_PATH}/_api/${path}`, {
    token: sharePointTokenFor(upn),
    ...(options.body === undefined ? {} : { body: options.body }),
    headers: {
      Accept: options.verbose
        ? 'application/json;odata=verbose'
        : 'application/json;odata=nometadata',
      ...(options.headers ?? {}),
    },
  });
}

const list = () => `web/lists(guid'${listId}')`;
const graphItems = () => `${site}/lists/${listId}/items`;

beforeAll(async () => {
  emulator = await testEmulator();
  const created = await call(emulator, 'POST', `${site}/lists`, {
    token: tokenFor(BUSINESS_MANAGER),
    body: {
      displayName: 'Permissions test',
      columns: [{ name: 'Key', text: {}, indexed: true, enforceUniqueValues: true }],
    },
  });
  expect(created.status).toBe(201);
  listId = created.body.id;
  await call(emulator, 'POST', graphItems(), {
    token: tokenFor(BUSINESS_MANAGER),
    body: { fields: { Title: 'one' } },
  });
});

afterAll(async () => {
  await emulator.dispose();
});

describe("SharePoint's REST API on the emulator", () => {
  it('refuses a Graph token: SharePoint wants a token for its own host', async () => {
    const res = await call(emulator, 'GET', `${emulator.url}${PARTNERSHIP_SITE_PATH}/_api/web`, {
      token: tokenFor(BUSINESS_MANAGER),
    });
    expect(res.status).toBe(401);
    expect(res.body.error_description).toMatch(
      /Invalid audience Uri 'https:\/\/graph\.microsoft\.com'/,
    );
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
  });

  it('lists the permission levels with their well-known ids and masks, in both JSON formats', async () => {
    const light = await rest(BUSINESS_MANAGER, 'GET', 'web/roledefinitions');
    expect(light.status).toBe(200);
    const byName = new Map(
      (light.body.value as Array<{ Name: string; Id: number; BasePermissions: unknown }>).map(
        (d) => [d.Name, d],
      ),
    );
    expect(byName.get('Full Control')).toMatchObject({
      Id: 1073741829,
      BasePermissions: { High: '2147483647', Low: '4294967295' },
    });
    expect(byName.get('Read')).toMatchObject({
      Id: 1073741826,
      BasePermissions: { High: '176', Low: '138612833' },
    });
    const verbose = await rest(
      BUSINESS_MANAGER,
      'GET',
      "web/roledefinitions/getbyname('Contribute')/id",
      {
        verbose: true,
      },
    );
    expect(verbose.body).toEqual({ d: { Id: 1073741827 } });
    const group = await rest(
      BUSINESS_MANAGER,
      'GET',
      "web/sitegroups/getbyname('Safeguarding Partnership Members')",
      {
        verbose: true,
      },
    );
    expect(group.body.d).toMatchObject({ __metadata: { type: 'SP.Group' }, PrincipalType: 8 });
  });

  it('adds a role assignment only where inheritance is broken, with SharePoint’s error otherwise', async () => {
    const res = await rest(
      BUSINESS_MANAGER,
      'POST',
      `${list()}/roleassignments/addroleassignment(principalid=3,roledefid=1073741826)`,
    );
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      'odata.error': {
        code: '-2146232832, Microsoft.SharePoint.SPException',
        message: {
          lang: 'en-US',
          value: 'This operation is not allowed on an object that inherits permissions.',
        },
      },
    });
  });

  it('breaks inheritance copying the parent’s assignments, or not copying (then only the caller has Full Control), and resets it', async () => {
    expect((await call(emulator, 'GET', graphItems(), { token: tokenFor(AUDITOR) })).status).toBe(
      200,
    );
    const copied = await rest(
      BUSINESS_MANAGER,
      'POST',
      `${list()}/breakroleinheritance(copyRoleAssignments=true,clearSubscopes=true)`,
    );
    expect(copied.status).toBe(200);
    expect(copied.body).toEqual({ 'odata.null': true });
    const afterCopy = await rest(
      BUSINESS_MANAGER,
      'GET',
      `${list()}/roleassignments?$expand=Member,RoleDefinitionBindings`,
    );
    expect(
      (
        afterCopy.body.value as Array<{
          Member: { Title: string };
          RoleDefinitionBindings: Array<{ Name: string }>;
        }>
      ).map((a) => `${a.Member.Title}: ${a.RoleDefinitionBindings.map((d) => d.Name).join()}`),
    ).toEqual([
      'Safeguarding Partnership Owners: Full Control',
      'Safeguarding Partnership Members: Contribute',
      'Safeguarding Partnership Visitors: Read',
    ]);
    expect(
      (await rest(BUSINESS_MANAGER, 'GET', `${list()}/hasuniqueroleassignments`)).body,
    ).toEqual({ value: true });

    await rest(BUSINESS_MANAGER, 'POST', `${list()}/resetroleinheritance`);
    const fresh = await rest(BUSINESS_MANAGER, 'POST', `${list()}/breakroleinheritance(false)`);
    expect(fresh.status).toBe(200);
    const afterFresh = await rest(
      BUSINESS_MANAGER,
      'GET',
      `${list()}/roleassignments?$expand=Member,RoleDefinitionBindings`,
    );
    expect(afterFresh.body.value).toHaveLength(1);
    expect(afterFresh.body.value[0].Member.LoginName).toBe(
      'i:0#.f|membership|morgan.ellis@northshire.example',
    );
    expect(afterFresh.body.value[0].RoleDefinitionBindings[0].Name).toBe('Full Control');
    const denied = await call(emulator, 'GET', graphItems(), { token: tokenFor(AUDITOR) });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('accessDenied');

    await rest(BUSINESS_MANAGER, 'POST', `${list()}/resetroleinheritance`);
    expect((await call(emulator, 'GET', graphItems(), { token: tokenFor(AUDITOR) })).status).toBe(
      200,
    );
  });

  it('refuses permission changes to someone without Manage Permissions, with the access-denied body', async () => {
    const res = await rest(
      AUDITOR,
      'POST',
      `${list()}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`,
    );
    expect(res.status).toBe(403);
    expect(res.body['odata.error'].code).toBe('-2147024891, System.UnauthorizedAccessException');
    const outsider = await rest(OUTSIDER, 'GET', 'web/roledefinitions');
    expect(outsider.status).toBe(403);
  });

  it('shares one item with one person: they see that item and no other; clearing subscopes on the list undoes it', async () => {
    const shared = await call(emulator, 'POST', graphItems(), {
      token: tokenFor(BUSINESS_MANAGER),
      body: { fields: { Title: 'for Jo' } },
    });
    await rest(
      BUSINESS_MANAGER,
      'POST',
      `${list()}/breakroleinheritance(copyRoleAssignments=true,clearSubscopes=false)`,
    );
    const visitors = await rest(BUSINESS_MANAGER, 'GET', 'web/associatedvisitorgroup');
    const removed = await rest(
      BUSINESS_MANAGER,
      'POST',
      `${list()}/roleassignments/getbyprincipalid(${visitors.body.Id})`,
      {
        headers: { 'X-HTTP-Method': 'DELETE' },
      },
    );
    expect(removed.status).toBe(200);
    const item = `${list()}/items(${shared.body.id})`;
    await rest(
      BUSINESS_MANAGER,
      'POST',
      `${item}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`,
    );
    const jo = await rest(BUSINESS_MANAGER, 'POST', 'web/ensureuser', {
      body: { logonName: 'i:0#.f|membership|jo.fenwick@northshire.example' },
    });
    expect(jo.body).toMatchObject({ PrincipalType: 1, Email: 'jo.fenwick@northshire.example' });
    await rest(
      BUSINESS_MANAGER,
      'POST',
      `${item}/roleassignments/addroleassignment(principalid=${jo.body.Id},roledefid=1073741826)`,
    );
    const seen = await call(emulator, 'GET', `${graphItems()}?expand=fields`, {
      token: tokenFor(PRACTITIONER),
    });
    expect(seen.status).toBe(200);
    expect(seen.body.value.map((i: { fields: { Title: string } }) => i.fields.Title)).toEqual([
      'for Jo',
    ]);
    await rest(
      BUSINESS_MANAGER,
      'POST',
      `${list()}/breakroleinheritance(copyRoleAssignments=true,clearSubscopes=true)`,
    );
    expect(
      (await call(emulator, 'GET', graphItems(), { token: tokenFor(PRACTITIONER) })).status,
    ).toBe(403);
    await rest(BUSINESS_MANAGER, 'POST', `${list()}/resetroleinheritance`);
  });

  it('sets item-level settings: edit only one’s own items; refuses read-own on a list with a unique column', async () => {
    const merge = await rest(BUSINESS_MANAGER, 'POST', list(), {
      body: { WriteSecurity: 2 },
      headers: { 'X-HTTP-Method': 'MERGE', 'IF-MATCH': '*' },
    });
    expect(merge.status).toBe(204);
    expect((await rest(BUSINESS_MANAGER, 'GET', list())).body).toMatchObject({
      ReadSecurity: 1,
      WriteSecurity: 2,
    });
    const mine = await call(emulator, 'POST', graphItems(), {
      token: tokenFor(AUDITOR),
      body: { fields: { Title: 'mine' } },
    });
    const others = await call(emulator, 'POST', graphItems(), {
      token: tokenFor('tom.okafor@northshire.example'),
      body: { fields: { Title: 'Tom’s' } },
    });
    const edit = (id: string) =>
      call(emulator, 'PATCH', `${graphItems()}/${id}/fields`, {
        token: tokenFor(AUDITOR),
        body: { Title: 'x' },
      });
    expect((await edit(mine.body.id)).status).toBe(200);
    expect((await edit(others.body.id)).status).toBe(403);
    const readOwn = await rest(BUSINESS_MANAGER, 'POST', list(), {
      body: { ReadSecurity: 2 },
      headers: { 'X-HTTP-Method': 'MERGE' },
    });
    expect(readOwn.status).toBe(400);
    expect(readOwn.body['odata.error'].message.value).toMatch(/unique values/);
  });

  it('answers a list that does not exist with SharePoint’s message', async () => {
    const res = await rest(BUSINESS_MANAGER, 'GET', "web/lists/getbytitle('Nope')");
    expect(res.status).toBe(404);
    expect(res.body['odata.error']).toEqual({
      code: '-1, System.ArgumentException',
      message: {
        lang: 'en-US',
        value:
          "List 'Nope' does not exist at site with URL 'https://fictional-northshire.sharepoint.com/sites/partnership'.",
      },
    });
  });
});

describe("the emulator's admin API", () => {
  it('refuses a request from another origin, without CORS headers, and changes nothing', async () => {
    const before = await (await fetch(`${emulator.url}/_emulator/api/faults`)).json();
    const res = await fetch(`${emulator.url}/_emulator/api/faults`, {
      method: 'PUT',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json' },
      body: JSON.stringify({ rate: 1 }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect((await res.json()).error).toMatch(/refuses cross-origin requests/);
    expect(await (await fetch(`${emulator.url}/_emulator/api/faults`)).json()).toEqual(before);
    const preflight = await fetch(`${emulator.url}/_emulator/api/faults`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'PUT' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const users = await fetch(`${emulator.url}/_emulator/api/users`, {
      headers: { Origin: 'https://evil.example' },
    });
    expect(users.status).toBe(403);
  });
});
