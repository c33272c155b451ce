import { evaluateRule, makeTemplate } from '../engine/__testUtils__/snapshots';
import { noEmbeddedSecretsRule } from './noEmbeddedSecrets';

const SIG = 'SASSIGNATUREab12%2Bcd%3D';
const SAS_URI = `https://acct.blob.core.windows.net/scripts/setup.sh?sv=2022-11-02&sp=r&se=2027-01-01&sig=${SIG}`;
const PLAIN_URI = 'https://acct.blob.core.windows.net/scripts/setup.sh';
const PASSWORD = 'Hunter2Secret!';

const template = (properties: Record<string, unknown>, extra = {}) =>
  makeTemplate('t', properties, extra);

describe('no-embedded-secrets', () => {
  it('has the metadata of RULES.md #16', () => {
    expect(noEmbeddedSecretsRule.metadata).toMatchObject({
      id: 'no-embedded-secrets',
      number: 16,
      severity: 'high',
    });
  });

  it.each(
    [
      [
        'a SAS signature in a Shell scriptUri',
        { customize: [{ type: 'Shell', scriptUri: SAS_URI }] },
        'fail',
      ],
      [
        'a SAS signature in a File sourceUri',
        {
          customize: [
            { type: 'File', sourceUri: SAS_URI, destination: '/tmp/s' },
          ],
        },
        'fail',
      ],
      [
        'a SAS signature in a validator scriptUri',
        {
          validate: {
            inVMValidations: [{ type: 'PowerShell', scriptUri: SAS_URI }],
          },
        },
        'fail',
      ],
      [
        'a SAS signature in a VHD distributor uri',
        {
          distribute: [{ type: 'VHD', runOutputName: 'vhd', uri: SAS_URI }],
        },
        'fail',
      ],
      [
        'a SAS signature in a URL inside an inline command',
        {
          customize: [
            { type: 'Shell', inline: [`curl -fsSL "${SAS_URI}" | bash`] },
          ],
        },
        'fail',
      ],
      [
        'a URL-encoded SAS signature',
        {
          customize: [
            {
              type: 'Shell',
              scriptUri: `https://proxy/?u=https%3A%2F%2Fa%2Fc%3Fsv%3D1%26sig%3D${SIG}`,
            },
          ],
        },
        'fail',
      ],
      [
        'a password assigned in a Shell inline command',
        {
          customize: [
            {
              type: 'Shell',
              inline: ['set -e', `export ADMIN_PASSWORD=${PASSWORD}`],
            },
          ],
        },
        'fail',
      ],
      [
        'a PowerShell password variable',
        {
          customize: [
            {
              type: 'PowerShell',
              inline: [`$adminPassword = '${PASSWORD}'`],
            },
          ],
        },
        'fail',
      ],
      [
        'ConvertTo-SecureString -AsPlainText',
        {
          customize: [
            {
              type: 'PowerShell',
              inline: [
                `$p = ConvertTo-SecureString '${PASSWORD}' -AsPlainText -Force`,
              ],
            },
          ],
        },
        'fail',
      ],
      [
        'an Authorization: Bearer header',
        {
          customize: [
            {
              type: 'Shell',
              inline: [
                `curl -H "Authorization: Bearer ${PASSWORD}" https://x/y`,
              ],
            },
          ],
        },
        'fail',
      ],
      [
        'a token assigned in an inline validator',
        {
          validate: {
            inVMValidations: [
              { type: 'Shell', inline: [`API_TOKEN="${PASSWORD}" ./check`] },
            ],
          },
        },
        'fail',
      ],
      ['a plain template', {}, 'pass'],
      [
        'a scriptUri without SAS, with a checksum',
        {
          customize: [
            {
              type: 'Shell',
              scriptUri: `${PLAIN_URI}?sv=2022-11-02&sp=r`,
              sha256Checksum: 'ab'.repeat(32),
            },
          ],
        },
        'pass',
      ],
      [
        'secrets named by reference only',
        {
          customize: [
            {
              type: 'PowerShell',
              inline: [
                '$adminPassword = $env:ADMIN_PASSWORD',
                '$p = ConvertTo-SecureString $adminPassword -AsPlainText -Force',
                '$secret = Get-AzKeyVaultSecret -VaultName kv -Name admin',
              ],
            },
            { type: 'Shell', inline: ['export TOKEN="${TOKEN_FROM_KV}"'] },
          ],
        },
        'pass',
      ],
      [
        'a SAS signature given by a template expression',
        {
          customize: [
            {
              type: 'Shell',
              scriptUri: "[concat(parameters('uri'), '?', parameters('sas'))]",
            },
          ],
        },
        'pass',
      ],
      [
        'customize given by an expression',
        { customize: "[variables('steps')]" },
        'unknown',
      ],
      [
        'inVMValidations given by an expression',
        { validate: { inVMValidations: "[parameters('v')]" } },
        'unknown',
      ],
      [
        'a step given by an expression',
        { customize: ["[variables('step')]"] },
        'unknown',
      ],
      [
        'inline commands given by an expression',
        { customize: [{ type: 'Shell', inline: "[parameters('lines')]" }] },
        'unknown',
      ],
      [
        'a secret beside an expression',
        {
          customize: [
            { type: 'Shell', inline: "[parameters('lines')]" },
            { type: 'Shell', scriptUri: SAS_URI },
          ],
        },
        'fail',
      ],
    ].map(([name, properties, status]) => ({ name, properties, status })),
  )('$name -> $status', ({ properties, status }: any) => {
    const outcome = evaluateRule(noEmbeddedSecretsRule, template(properties));
    expect(outcome.status).toBe(status);
    const shown = JSON.stringify(outcome);
    expect(shown).not.toContain('SASSIGNATURE');
    expect(shown).not.toContain(PASSWORD);
  });

  it('names the step and the field of each secret, never the value', () => {
    const outcome = evaluateRule(
      noEmbeddedSecretsRule,
      template({
        customize: [
          { type: 'Shell', name: 'setup', scriptUri: SAS_URI },
          { type: 'WindowsRestart' },
          {
            type: 'PowerShell',
            name: 'users',
            inline: ['Write-Host hi', `$adminPassword = '${PASSWORD}'`],
          },
        ],
        validate: {
          inVMValidations: [
            { type: 'Shell', inline: [`curl -fsSL "${SAS_URI}"`] },
          ],
        },
      }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toBe(
      "3 secret(s) embedded in the template: SAS signature (sig=) in customizer step #0 'setup' (Shell) scriptUri; " +
        "secret assignment in customizer step #2 'users' (PowerShell) inline[1]; " +
        'SAS signature (sig=) in validator step #0 (Shell) inline[0]',
    );
    const expected =
      'no literal secret: a SAS-free URI (the build identity reads the blob), a parameter or a Key Vault reference';
    expect(outcome.evidence).toEqual([
      {
        path: 'properties.customize[0].scriptUri',
        expected,
        note: "SAS signature (sig=) in customizer step #0 'setup' (Shell)",
      },
      {
        path: 'properties.customize[2].inline[1]',
        expected,
        note: "secret assignment in customizer step #2 'users' (PowerShell)",
      },
      {
        path: 'properties.validate.inVMValidations[0].inline[0]',
        expected,
        note: 'SAS signature (sig=) in validator step #0 (Shell)',
      },
    ]);
    expect(outcome.evidence.every(e => !('observed' in e))).toBe(true);
  });

  it('names a secret outside the steps by its path', () => {
    const outcome = evaluateRule(
      noEmbeddedSecretsRule,
      template({}, { tags: { bootstrap: SAS_URI } }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toBe(
      '1 secret(s) embedded in the template: SAS signature (sig=) in tags.bootstrap',
    );
    expect(outcome.evidence).toEqual([
      expect.objectContaining({
        path: 'tags.bootstrap',
        note: 'SAS signature (sig=)',
      }),
    ]);
  });

  it('lists at most three places in the message, and every one in the evidence', () => {
    const outcome = evaluateRule(
      noEmbeddedSecretsRule,
      template({
        customize: [1, 2, 3, 4, 5].map(i => ({
          type: 'Shell',
          name: `s${i}`,
          scriptUri: `${SAS_URI}${i}`,
        })),
      }),
    );
    expect(outcome.message).toMatch(/^5 secret\(s\) .*; and 2 more$/);
    expect(outcome.evidence).toHaveLength(5);
  });

  it('reports one secret found twice in a string once', () => {
    const outcome = evaluateRule(
      noEmbeddedSecretsRule,
      template({
        customize: [
          {
            type: 'Shell',
            inline: [`azcopy copy "${SAS_URI}" "${SAS_URI}"`],
          },
        ],
      }),
    );
    expect(outcome.evidence).toHaveLength(1);
  });

  it('hides a secret in a step name', () => {
    const outcome = evaluateRule(
      noEmbeddedSecretsRule,
      template({
        customize: [
          { type: 'Shell', name: `password=${PASSWORD}`, scriptUri: SAS_URI },
        ],
      }),
    );
    expect(outcome.status).toBe('fail');
    expect(JSON.stringify(outcome)).not.toContain(PASSWORD);
  });

  it('says which expression it could not look into', () => {
    expect(
      evaluateRule(
        noEmbeddedSecretsRule,
        template({ customize: "[variables('steps')]" }),
      ),
    ).toEqual({
      status: 'unknown',
      message:
        'No secret found, but properties.customize is an unresolved template expression whose content could not be checked',
      evidence: [
        {
          path: 'properties.customize',
          observed: "[variables('steps')]",
          note: 'unresolved ARM template expression',
        },
      ],
    });
  });

  it('says what it checked when it passes', () => {
    const outcome = evaluateRule(noEmbeddedSecretsRule, template({}));
    expect(outcome.message).toBe(
      'No SAS signature and no literal password, token or key found in the template',
    );
    expect(outcome.evidence).toHaveLength(1);
  });
});
