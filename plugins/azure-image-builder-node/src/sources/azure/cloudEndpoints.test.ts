import { resolveCloudEndpoints } from './cloudEndpoints';

describe('resolveCloudEndpoints', () => {
  it('defaults to the public cloud', () => {
    expect(resolveCloudEndpoints(undefined)).toEqual({
      resourceManager: 'https://management.azure.com',
      tokenScope: 'https://management.azure.com/.default',
      customAuthorityHost: false,
    });
  });

  it("takes a national cloud's audience and authority from its ARM host", () => {
    expect(
      resolveCloudEndpoints({
        resourceManager: 'https://management.chinacloudapi.cn/',
      }),
    ).toEqual({
      resourceManager: 'https://management.chinacloudapi.cn',
      tokenScope: 'https://management.chinacloudapi.cn/.default',
      authorityHost: 'https://login.chinacloudapi.cn',
      customAuthorityHost: false,
    });
    expect(
      resolveCloudEndpoints({
        resourceManager: 'https://management.usgovcloudapi.net',
      }),
    ).toMatchObject({
      tokenScope: 'https://management.usgovcloudapi.net/.default',
      authorityHost: 'https://login.microsoftonline.us',
    });
  });

  it('keeps the public audience for any other host (the emulator), and a given authority', () => {
    expect(
      resolveCloudEndpoints({
        resourceManager: 'https://127.0.0.1:8443',
        authorityHost: 'https://127.0.0.1:8443/',
      }),
    ).toEqual({
      resourceManager: 'https://127.0.0.1:8443',
      tokenScope: 'https://management.azure.com/.default',
      authorityHost: 'https://127.0.0.1:8443',
      customAuthorityHost: true,
    });
  });
});
