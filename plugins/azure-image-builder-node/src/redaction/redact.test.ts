import {
  findSecrets,
  findSecretsInValue,
  redactSecrets,
  redactString,
  REDACTED,
} from '.';

const R = REDACTED;

describe('redactString', () => {
  // [what, input, expected output, secret substrings that must be gone]
  const redacted: Array<[string, string, string, string[]]> = [
    [
      'SAS signature in a blob URL',
      'https://a.blob.core.windows.net/c/s.sh?sv=2021&sig=abc%2Bdef%3D',
      `https://a.blob.core.windows.net/c/s.sh?sv=2021&sig=${R}`,
      ['abc%2Bdef%3D'],
    ],
    [
      'SAS signature first, other parameters kept',
      'curl -o x.zip "https://a.blob.core.windows.net/c/x.zip?sig=S3cr3t/+=&se=2026-01-01&sp=r"',
      `curl -o x.zip "https://a.blob.core.windows.net/c/x.zip?sig=${R}&se=2026-01-01&sp=r"`,
      ['S3cr3t'],
    ],
    [
      'SIG in upper case',
      'https://x.blob.core.windows.net/c/f?SV=1&SIG=UPPERSECRET',
      `https://x.blob.core.windows.net/c/f?SV=1&SIG=${R}`,
      ['UPPERSECRET'],
    ],
    [
      'URL-encoded SAS inside another URL',
      'https://proxy/?u=https%3A%2F%2Fa.blob%2Fc%3Fsv%3D1%26sig%3DENCSECRET%26se%3D2',
      `https://proxy/?u=https%3A%2F%2Fa.blob%2Fc%3Fsv%3D1%26sig%3D${R}%26se%3D2`,
      ['ENCSECRET'],
    ],
    [
      'two SAS URLs in one command',
      'azcopy copy "https://a/x?sig=ONE" "https://b/y?sv=1&sig=TWO"',
      `azcopy copy "https://a/x?sig=${R}" "https://b/y?sv=1&sig=${R}"`,
      ['ONE', 'TWO'],
    ],
    [
      'bash assignment',
      'export ADMIN_PASSWORD=hunter2 && ./install.sh',
      `export ADMIN_PASSWORD=${R} && ./install.sh`,
      ['hunter2'],
    ],
    [
      'quoted assignment',
      'DB_PWD="p@ss word" ./run',
      `DB_PWD="${R}" ./run`,
      ['p@ss word'],
    ],
    [
      'PowerShell variable',
      "$adminPassword = 'Pa55w0rd!'; New-LocalUser -Name x",
      `$adminPassword = '${R}'; New-LocalUser -Name x`,
      ['Pa55w0rd!'],
    ],
    [
      'PowerShell escaped quote stays inside the secret',
      "$secret = 'it''s a secret'",
      `$secret = '${R}'`,
      ["it''s a secret", 's a secret'],
    ],
    [
      'double quotes with escapes',
      'token="ab\\"cd" next',
      `token="${R}" next`,
      ['cd'],
    ],
    [
      'environment variable set from a literal in PowerShell',
      "$env:API_TOKEN = 'tok-123'",
      `$env:API_TOKEN = '${R}'`,
      ['tok-123'],
    ],
    [
      'apikey and key=',
      'curl "https://api.example.com/v1?apikey=K1&x=1" && echo key=K2',
      `curl "https://api.example.com/v1?apikey=${R}&x=1" && echo key=${R}`,
      ['K1', 'K2'],
    ],
    [
      'storage connection string',
      'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=bWF0aA==;EndpointSuffix=core.windows.net',
      `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${R};EndpointSuffix=core.windows.net`,
      ['bWF0aA=='],
    ],
    [
      'JSON-style property in an inline command',
      'echo \'{"clientSecret": "cs-value", "name": "x"}\' > c.json',
      `echo '{"clientSecret": "${R}", "name": "x"}' > c.json`,
      ['cs-value'],
    ],
    [
      'ConvertTo-SecureString with a literal',
      "$p = ConvertTo-SecureString 'Plain#1' -AsPlainText -Force",
      `$p = ConvertTo-SecureString '${R}' -AsPlainText -Force`,
      ['Plain#1'],
    ],
    [
      'ConvertTo-SecureString -String',
      'ConvertTo-SecureString -AsPlainText -Force -String "Str0ng"',
      `ConvertTo-SecureString -AsPlainText -Force -String "${R}"`,
      ['Str0ng'],
    ],
    [
      'ConvertTo-SecureString unquoted positional',
      'ConvertTo-SecureString Bare1 -AsPlainText -Force',
      `ConvertTo-SecureString ${R} -AsPlainText -Force`,
      ['Bare1'],
    ],
    [
      'Authorization bearer header',
      'curl -H "Authorization: Bearer abc.def.ghi" https://x',
      `curl -H "Authorization: Bearer ${R}" https://x`,
      ['abc.def.ghi'],
    ],
    [
      'PowerShell headers hashtable',
      "Invoke-RestMethod -Headers @{ Authorization = 'Basic dXNlcjpwYXNz' } -Uri $u",
      `Invoke-RestMethod -Headers @{ Authorization = 'Basic ${R}' } -Uri $u`,
      ['dXNlcjpwYXNz'],
    ],
    [
      'API key header',
      'curl -H "Ocp-Apim-Subscription-Key: 0123abcd" https://x',
      `curl -H "Ocp-Apim-Subscription-Key: ${R}" https://x`,
      ['0123abcd'],
    ],
    [
      'long options',
      'docker login --username u --password S3cret! registry.io; az login --service-principal -u id --client-secret=CS1 --tenant t',
      `docker login --username u --password ${R} registry.io; az login --service-principal -u id --client-secret=${R} --tenant t`,
      ['S3cret!', 'CS1'],
    ],
    [
      'PowerShell parameter',
      "New-LocalUser -Name bob -Password 'pw1' ; Set-AzStorageAccount -AccountKey:k2",
      `New-LocalUser -Name bob -Password '${R}' ; Set-AzStorageAccount -AccountKey:${R}`,
      ['pw1', 'k2'],
    ],
    [
      'mysql attached -p',
      "mysql -u root -p'r00t' -e 'select 1'",
      `mysql -u root -p'${R}' -e 'select 1'`,
      ['r00t'],
    ],
    [
      'mysql attached unquoted -p',
      'mysqldump -uroot -pR00tPw db > d.sql',
      `mysqldump -uroot -p${R} db > d.sql`,
      ['R00tPw'],
    ],
    [
      'docker login -p and sshpass -p',
      "docker login -u me -p 'dk-pw' reg.io\nsshpass -p sshpw ssh host",
      `docker login -u me -p '${R}' reg.io\nsshpass -p ${R} ssh host`,
      ['dk-pw', 'sshpw'],
    ],
    [
      'sqlcmd -P',
      'sqlcmd -S srv -U sa -P "Sql!Pw" -Q "select 1"',
      `sqlcmd -S srv -U sa -P "${R}" -Q "select 1"`,
      ['Sql!Pw'],
    ],
    [
      'net user',
      'net user builder Bu1ld3r! /add',
      `net user builder ${R} /add`,
      ['Bu1ld3r!'],
    ],
    [
      'chpasswd',
      "echo 'packer:Pk3r!' | sudo chpasswd",
      `echo 'packer:${R}' | sudo chpasswd`,
      ['Pk3r!'],
    ],
    [
      'password in a URL',
      'git clone https://user:ghtok123@dev.azure.com/org/repo.git',
      `git clone https://user:${R}@dev.azure.com/org/repo.git`,
      ['ghtok123'],
    ],
    [
      'GitHub token without a name',
      'git clone https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/o/r',
      `git clone https://${R}@github.com/o/r`,
      ['ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
    ],
    [
      'JSON web token',
      'TOKEN_HEADER=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
      `TOKEN_HEADER=${R}`,
      ['eyJzdWIiOiIxIn0'],
    ],
    [
      'YAML line in a cloud-init file',
      'cat > /etc/app.yaml <<EOF\ndb:\n  password: y4ml pw\n  host: db\nEOF',
      `cat > /etc/app.yaml <<EOF\ndb:\n  password: ${R}\n  host: db\nEOF`,
      ['y4ml pw'],
    ],
    [
      'private key',
      'echo "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----" > id_rsa',
      `echo "-----BEGIN RSA PRIVATE KEY-----${R}-----END RSA PRIVATE KEY-----" > id_rsa`,
      ['MIIEpAIBAAKCAQEA'],
    ],
  ];

  it.each(redacted)('redacts %s', (_, input, expected, secrets) => {
    const out = redactString(input);
    expect(out).toBe(expected);
    for (const secret of secrets) expect(out).not.toContain(secret);
  });

  // Things that look close to secrets but are not: they must come out unchanged.
  const kept: Array<[string, string]> = [
    [
      'a checksum',
      'sha256Checksum=2c6a5b9f1e0d4a8c9b7e6f5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a291',
    ],
    [
      'a resource id',
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv/secrets/admin-password',
    ],
    ['an $env: reference', '$password = $env:ADMIN_PASSWORD'],
    ['a bash reference', 'export PASSWORD="$ADMIN_PASSWORD"; mysql -p"$PW"'],
    ['a command substitution', 'TOKEN=$(az account get-access-token -o tsv)'],
    ['a cmd reference', 'set PASSWORD=%ADMIN_PASSWORD%'],
    ['an ARM expression', "password=[parameters('adminPassword')]"],
    ['a cmdlet value', '$secret = Get-AzKeyVaultSecret -VaultName kv -Name s'],
    ['a registry key', "$key = 'HKLM:\\SOFTWARE\\Policies\\Microsoft'"],
    ['a working directory', 'PWD=/home/packer && cd $PWD'],
    ['mkdir -p', "mkdir -p '/opt/my app' && ssh -p 2222 host"],
    ['docker -p port mapping', "docker run -p '8080:80' nginx"],
    ['mysql -p that prompts', 'mysql -u root -p mydb'],
    [
      'a password option without value',
      'docker login --password-stdin < pw.txt',
    ],
    ['Windows update filter', "exclude:$_.Title -like '*Preview*'"],
    [
      'a URL without credentials',
      'https://raw.githubusercontent.com/x/y/main/s.ps1?ref=main',
    ],
    ['prose after a colon', 'echo "Token: expired, requesting a new one"'],
    ['a comparison', 'if [ "$x" == "token" ]; then echo ok; fi'],
    ['the words "Bearer authentication"', 'echo "uses Bearer authentication"'],
    ['a public key', 'publicKey="ssh-rsa AAAAB3NzaC1yc2E"'],
    [
      'a secret name',
      'secretName=admin-password keyVaultName=kv tokenType=Bearer',
    ],
    ['an already redacted text', `https://a/b?sig=${R} password=${R}`],
    ['a password read at run time', '$password = Read-Host -AsSecureString'],
    [
      'ConvertTo-SecureString from a variable',
      'ConvertTo-SecureString $pw -AsPlainText -Force',
    ],
    ['a boolean', 'REQUIRE_TOKEN=true'],
    [
      'a JSON key/value list',
      `echo '[{"key": "owner", "value": "team-a"}]' > tags.json`,
    ],
    ['net user prompting', 'net user builder * /add'],
  ];

  it.each(kept)('keeps %s', (_, input) => {
    expect(redactString(input)).toBe(input);
    expect(findSecrets(input)).toEqual([]);
  });

  it('is idempotent', () => {
    for (const [, input] of redacted) {
      const once = redactString(input);
      expect(redactString(once)).toBe(once);
      expect(findSecrets(once)).toEqual([]);
    }
  });

  it('returns non-strings and empty strings as they are', () => {
    expect(redactString('')).toBe('');
    expect(redactString(undefined as unknown as string)).toBeUndefined();
  });

  it('stays fast on adversarial input', () => {
    const inputs = [
      'a'.repeat(200_000),
      `${'password'.repeat(20_000)}=`,
      `?sig=${'x'.repeat(100_000)}`,
      `${'-----BEGIN PRIVATE KEY-----'.repeat(5_000)}`,
      `${'$x = '.repeat(20_000)}`,
      `ConvertTo-SecureString ${"'a' ".repeat(20_000)}`,
      `${' '.repeat(100_000)}token${' '.repeat(100_000)}`,
      `https://${'u:'.repeat(50_000)}`,
    ];
    // A guard against catastrophic regex backtracking (a denial of service on a crafted template),
    // not a speed claim: linear patterns finish in milliseconds, a backtracking one in minutes.
    const start = Date.now();
    for (const input of inputs) redactString(input);
    expect(Date.now() - start).toBeLessThan(30_000);
  });
});

describe('findSecrets', () => {
  it('reports kinds and descriptions, never values', () => {
    const found = findSecrets(
      'curl "https://a/x?sv=1&sig=SASVALUE" && export PASSWORD=PWVALUE',
    );
    expect(found).toEqual([
      { kind: 'sas', description: 'SAS signature (sig=)' },
      { kind: 'inline-secret', description: 'secret assignment' },
    ]);
    expect(JSON.stringify(found)).not.toMatch(/SASVALUE|PWVALUE/);
  });

  it('counts one secret found by two detectors once', () => {
    expect(
      findSecrets("$pw = ConvertTo-SecureString -String 'x1' -AsPlainText"),
    ).toHaveLength(1);
    expect(findSecrets("-Password 'abc'")).toHaveLength(1);
  });
});

describe('redactSecrets', () => {
  const template = {
    id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.VirtualMachineImages/imageTemplates/t',
    properties: {
      customize: [
        {
          type: 'Shell',
          scriptUri:
            'https://a.blob.core.windows.net/c/s.sh?sv=2021&sig=SASSECRET',
          sha256Checksum:
            'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        },
        { type: 'PowerShell', inline: ["$password = 'INLINESECRET'"] },
      ],
      settings: { adminPassword: 'PROPSECRET', secretName: 'kv-secret-name' },
    },
    count: 3,
    enabled: true,
    nothing: null,
  };

  it('deep-copies and redacts every string, keeping keys and other values', () => {
    const out = redactSecrets(template);
    expect(out).not.toBe(template);
    expect(out.properties.customize).not.toBe(template.properties.customize);
    expect(out).toEqual({
      ...template,
      properties: {
        customize: [
          {
            ...template.properties.customize[0],
            scriptUri: `https://a.blob.core.windows.net/c/s.sh?sv=2021&sig=${R}`,
          },
          { type: 'PowerShell', inline: [`$password = '${R}'`] },
        ],
        settings: { adminPassword: R, secretName: 'kv-secret-name' },
      },
    });
    expect(JSON.stringify(out)).not.toMatch(
      /SASSECRET|INLINESECRET|PROPSECRET/,
    );
    // The input is untouched.
    expect(template.properties.settings.adminPassword).toBe('PROPSECRET');
  });

  it('handles primitives, cycles and __proto__ keys', () => {
    expect(redactSecrets('token=abc')).toBe(`token=${R}`);
    expect(redactSecrets(5)).toBe(5);
    expect(redactSecrets(null)).toBeNull();
    const cyclic: any = { a: 'x' };
    cyclic.self = cyclic;
    const copy = redactSecrets(cyclic);
    expect(copy.self).toBe(copy);
    const proto = JSON.parse('{"__proto__": {"polluted": "password=x"}}');
    const out = redactSecrets(proto);
    expect(({} as any).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({
      polluted: `password=${R}`,
    });
  });
});

describe('findSecretsInValue', () => {
  it('gives the path of each secret', () => {
    expect(
      findSecretsInValue(
        {
          properties: {
            customize: [
              { scriptUri: 'https://a/s.sh?sig=X' },
              { inline: ['echo ok', 'export TOKEN=abc'] },
            ],
            'odd key': { clientSecret: 'cs' },
          },
        },
        'template',
      ),
    ).toEqual([
      {
        kind: 'sas',
        description: 'SAS signature (sig=)',
        path: 'template.properties.customize[0].scriptUri',
      },
      {
        kind: 'inline-secret',
        description: 'secret assignment',
        path: 'template.properties.customize[1].inline[1]',
      },
      {
        kind: 'inline-secret',
        description: 'secret property',
        path: 'template.properties["odd key"].clientSecret',
      },
    ]);
  });
});

describe('paging cursors', () => {
  it.each([
    'https://management.azure.com/subscriptions/s/providers/X/y?api-version=2025-10-01&skip-token=2',
    'https://management.azure.com/x/triggers?api-version=2025-10-01&$skipToken=3',
    'continuationToken="abc" nextToken=xyz',
  ])('keeps %s', input => {
    expect(redactString(input)).toBe(input);
  });
});
