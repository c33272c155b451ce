import {
  armResourceName,
  azurePortalUrl,
  portalBaseFromViewUrl,
} from './portal';

const ID =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-images/providers/Microsoft.VirtualMachineImages/imageTemplates/ubuntu-base';

describe('azurePortalUrl', () => {
  it('builds the public portal URL without a tenant by default', () => {
    expect(azurePortalUrl(ID)).toBe(`https://portal.azure.com/#/resource${ID}`);
  });

  it('uses the portal and tenant of the base', () => {
    expect(
      azurePortalUrl(ID, {
        origin: 'https://portal.azure.us',
        tenant: 'contoso.onmicrosoft.us',
      }),
    ).toBe(`https://portal.azure.us/#@contoso.onmicrosoft.us/resource${ID}`);
  });

  it.each([
    undefined,
    '',
    'rg-images',
    '/resourceGroups/x',
    '/subscriptions/x/../../evil',
    '/subscriptions/x#y',
    '/subscriptions/x y',
    // eslint-disable-next-line no-script-url
    'javascript:alert(1)',
  ])('returns undefined for %p', id => {
    expect(azurePortalUrl(id)).toBeUndefined();
  });
});

describe('portalBaseFromViewUrl', () => {
  it('reads the portal and tenant from the catalog module view URL', () => {
    expect(
      portalBaseFromViewUrl(
        `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${ID}`,
      ),
    ).toEqual({
      origin: 'https://portal.azure.com',
      tenant: 'contoso.onmicrosoft.com',
    });
    expect(
      portalBaseFromViewUrl(`https://portal.azure.us/#/resource${ID}`),
    ).toEqual({ origin: 'https://portal.azure.us' });
  });

  it('falls back to the public portal for other or unsafe URLs', () => {
    for (const url of [
      undefined,
      'https://example.com/templates/1',
      // eslint-disable-next-line no-script-url
      'javascript:alert(1)//#/resource/',
    ]) {
      expect(portalBaseFromViewUrl(url)).toEqual({
        origin: 'https://portal.azure.com',
      });
    }
  });
});

describe('armResourceName', () => {
  it('is the last segment of the id', () => {
    expect(armResourceName(ID)).toBe('ubuntu-base');
    expect(armResourceName('/subscriptions/x/resourceGroups/rg/')).toBe('rg');
  });
});
