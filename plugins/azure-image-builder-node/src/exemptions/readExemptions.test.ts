import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readAzureImageBuilderConfig } from '../config/readAzureImageBuilderConfig';

const TEMPLATE_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-images/providers/Microsoft.VirtualMachineImages/imageTemplates/ubuntu-base';

const good = {
  rule: 'template-lock',
  selector: { templateId: TEMPLATE_ID },
  reason: 'Locks are applied by the landing zone pipeline next quarter',
  grantedBy: 'user:default/jane',
  expires: '2026-12-31',
};

function read(exemptions: unknown) {
  return readAzureImageBuilderConfig(
    new ConfigReader({ azureImageBuilder: { exemptions } } as JsonObject),
  ).exemptions;
}

describe('readExemptions', () => {
  it('has none when the key is missing', () => {
    expect(
      readAzureImageBuilderConfig(new ConfigReader({})).exemptions,
    ).toEqual([]);
  });

  it('reads every selector kind, resolving refs', () => {
    expect(
      read([
        good,
        { ...good, selector: { entityRef: 'aib-ubuntu-base-1a2b3c4d5e' } },
        { ...good, selector: { entityRef: 'Resource:ops/aib-x' } },
        { ...good, selector: { owner: 'team-images' } },
        { ...good, selector: { owner: 'user:jane' } },
        { ...good, selector: { tag: { name: 'env', value: 'sandbox' } } },
        { ...good, selector: { tag: { name: 'legacy' } } },
        { ...good, selector: { tag: { name: 'note', value: '' } } },
        { ...good, expires: '2026-12-31T18:00:00+01:00' },
      ]).map(e => [e.selector, e.expires]),
    ).toEqual([
      [{ templateId: TEMPLATE_ID }, '2026-12-31'],
      [
        { entityRef: 'resource:default/aib-ubuntu-base-1a2b3c4d5e' },
        '2026-12-31',
      ],
      [{ entityRef: 'resource:ops/aib-x' }, '2026-12-31'],
      [{ owner: 'group:default/team-images' }, '2026-12-31'],
      [{ owner: 'user:default/jane' }, '2026-12-31'],
      [{ tag: { name: 'env', value: 'sandbox' } }, '2026-12-31'],
      [{ tag: { name: 'legacy' } }, '2026-12-31'],
      [{ tag: { name: 'note', value: '' } }, '2026-12-31'],
      [{ templateId: TEMPLATE_ID }, '2026-12-31T18:00:00+01:00'],
    ]);
    expect(read([good])).toEqual([good]);
  });

  it.each<[string, unknown, string]>([
    [
      'not a list',
      { rule: 'template-lock' },
      'Invalid config at azureImageBuilder.exemptions: expected a list of exemptions, got an object',
    ],
    [
      'an entry that is not an object',
      [good, 'template-lock'],
      'Invalid config at azureImageBuilder.exemptions[1]: expected an object, got a string',
    ],
    [
      'a missing rule',
      [good, good, { ...good, rule: undefined }],
      'Invalid config at azureImageBuilder.exemptions[2].rule: is missing, expected a string',
    ],
    [
      'a missing reason',
      [{ ...good, reason: undefined }],
      'Invalid config at azureImageBuilder.exemptions[0].reason: is missing, expected a string',
    ],
    [
      'an empty grantedBy',
      [{ ...good, grantedBy: ' ' }],
      'Invalid config at azureImageBuilder.exemptions[0].grantedBy: must not be empty',
    ],
    [
      'a missing expiry',
      [good, good, { ...good, expires: undefined }],
      'Invalid config at azureImageBuilder.exemptions[2].expires: is missing, expected a string',
    ],
    [
      'an expiry that is not a date',
      [good, good, { ...good, expires: '31/12/2026' }],
      'Invalid config at azureImageBuilder.exemptions[2].expires: "31/12/2026" is not an ISO 8601 date (2026-12-31) or date-time with a zone (2026-12-31T18:00:00Z)',
    ],
    [
      'an expiry on a day that does not exist',
      [{ ...good, expires: '2026-02-30' }],
      'Invalid config at azureImageBuilder.exemptions[0].expires: "2026-02-30" is not an ISO 8601 date',
    ],
    [
      'an expiry without a zone',
      [{ ...good, expires: '2026-12-31T18:00:00' }],
      'Invalid config at azureImageBuilder.exemptions[0].expires: "2026-12-31T18:00:00" is not',
    ],
    [
      'a misspelt field',
      [{ ...good, expiry: '2026-12-31' }],
      'Invalid config at azureImageBuilder.exemptions[0].expiry: unknown key of an exemption; expected "rule", "selector", "reason", "grantedBy", "expires"',
    ],
    [
      'a missing selector',
      [{ ...good, selector: undefined }],
      'Invalid config at azureImageBuilder.exemptions[0].selector: is missing, expected an object with one of "templateId", "entityRef", "owner", "tag"',
    ],
    [
      'an empty selector',
      [{ ...good, selector: {} }],
      'Invalid config at azureImageBuilder.exemptions[0].selector: is empty, expected an object with one of',
    ],
    [
      'two selectors',
      [{ ...good, selector: { templateId: TEMPLATE_ID, owner: 'team-a' } }],
      'Invalid config at azureImageBuilder.exemptions[0].selector: has "templateId" and "owner"; give exactly one selector',
    ],
    [
      'an unknown selector',
      [{ ...good, selector: { subscription: 'x' } }],
      'Invalid config at azureImageBuilder.exemptions[0].selector.subscription: unknown key of a selector; expected "templateId", "entityRef", "owner", "tag"',
    ],
    [
      'a template id that is not one',
      [
        {
          ...good,
          selector: { templateId: '/subscriptions/x/resourceGroups/rg' },
        },
      ],
      'Invalid config at azureImageBuilder.exemptions[0].selector.templateId: "/subscriptions/x/resourceGroups/rg" is not the ARM id of an image template',
    ],
    [
      'an entity ref of another kind',
      [{ ...good, selector: { entityRef: 'component:default/x' } }],
      'Invalid config at azureImageBuilder.exemptions[0].selector.entityRef: "component:default/x" is not a resource entity ref',
    ],
    [
      'an entity ref that is not one',
      [{ ...good, selector: { entityRef: 'a:b:c/d e' } }],
      'Invalid config at azureImageBuilder.exemptions[0].selector.entityRef: "a:b:c/d e" is not a resource entity ref',
    ],
    [
      'an owner that is an e-mail address',
      [{ ...good, selector: { owner: 'jane@contoso.com' } }],
      'Invalid config at azureImageBuilder.exemptions[0].selector.owner: "jane@contoso.com" is not a group or user entity ref',
    ],
    [
      'a tag that is a string',
      [{ ...good, selector: { tag: 'env=sandbox' } }],
      'Invalid config at azureImageBuilder.exemptions[0].selector.tag: expected an object with "name" and "value", got a string',
    ],
    [
      'a tag without a name',
      [{ ...good, selector: { tag: { value: 'sandbox' } } }],
      'Invalid config at azureImageBuilder.exemptions[0].selector.tag.name: is missing, expected a string',
    ],
    [
      'a tag value that is a number',
      [{ ...good, selector: { tag: { name: 'tier', value: 3 } } }],
      'Invalid config at azureImageBuilder.exemptions[0].selector.tag.value: expected a string, got a number',
    ],
    [
      'a tag with another key',
      [{ ...good, selector: { tag: { name: 'env', values: ['a'] } } }],
      'Invalid config at azureImageBuilder.exemptions[0].selector.tag.values: unknown key of a tag selector; expected "name", "value"',
    ],
  ])('names the key of %s', (_, exemptions, message) => {
    expect(() => read(exemptions)).toThrow(message);
  });
});
