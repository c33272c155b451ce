import {
  detectSecretRanges,
  detectSecretRangesWithEveryDetector,
} from './detectors';

/*
 * Detectors run only for the words a text holds (detectors.ts, WORDS): a text must get the same
 * answer as when every detector runs. Checked on secrets of every kind and on many texts mixed
 * from the words, commands and separators the detectors care about.
 */

const SECRETS = [
  'https://a.blob.core.windows.net/c/s.sh?sv=2021&sig=abc%2Bdef%3D',
  'https://proxy/?u=https%3A%2F%2Fa.blob%2Fc%3Fsv%3D1%26sig%3DENCSECRET%26se%3D2',
  'export ADMIN_PASSWORD=hunter2 && ./install.sh',
  "$adminPassword = 'Pa55w0rd!'; New-LocalUser -Name x",
  "$p = ConvertTo-SecureString 'Plain#1' -AsPlainText -Force",
  'curl -H "Authorization: Bearer abc.def.ghi" https://x',
  'curl -H "Ocp-Apim-Subscription-Key: 0123abcd" https://x',
  'docker login --username u --password S3cret! registry.io',
  "New-LocalUser -Name bob -Password 'pw1' ; Set-AzStorageAccount -AccountKey:k2",
  "mysql -u root -p'r00t' -e 'select 1'",
  'sqlcmd -S srv -U sa -P "Sql!Pw" -Q "select 1"',
  'net user builder Bu1ld3r! /add',
  "echo 'packer:Pk3r!' | sudo chpasswd",
  'git clone https://user:ghtok123@dev.azure.com/org/repo.git',
  'git clone https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/o/r',
  'TOKEN_HEADER=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
  'cat > /etc/app.yaml <<EOF\ndb:\n  password: y4ml pw\nEOF',
  'echo "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----"',
  'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=bWF0aA==;EndpointSuffix=x',
];

const PIECES = [
  ...SECRETS,
  'sig', 'SIG', '?', '&', '%26', '%3d', '%3f', '=', ':', ' ', '\t', '\n', '\r\n', ';', '|',
  '"', "'", '`', '$', '$env:', '%', '[', ']', '(', ')', '<', '>', '@', '-----BEGIN ',
  'RSA PRIVATE KEY-----', 'ghp_', 'github_pat_', 'glpat-', 'eyJ', 'abcdefghijklmnopqrstuvwx01',
  'https://', 'user', 'Authorization', 'Proxy-', 'Bearer', 'bearer', 'Basic', 'X-Api-Key',
  'X-Auth-Token', 'ConvertTo-SecureString', '-AsPlainText', '-String', '--password',
  '--client-secret', '--sas-token', '-Password', '-AccountKey', '-p', '-P', 'mysql', 'docker login',
  'sshpass', 'sqlcmd', 'az login', 'net user', 'net.exe user', '/add', 'echo', 'chpasswd', 'sudo',
  'password', 'PASSWORD', 'passwd', 'pwd', 'secret', 'token', 'api_key', 'key', 'AccountKey',
  'publicKey', 'skipToken', 'hunter2', '*', 'true', 'Get-Secret', '/home/x', 'value', '-', '_',
  'Microsoft.Authorization', 'assignment', 'rg-prod', 'keyrings', 'Bypass', '  - ', 'token: ',
]; // prettier-ignore

/** Texts mixed from the pieces, the same every run. */
function mixedTexts(count: number): string[] {
  let seed = 20261126;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  return Array.from({ length: count }, () => {
    let text = '';
    for (let i = 1 + next(12); i > 0; i--) text += PIECES[next(PIECES.length)];
    return text;
  });
}

describe('the words that enable detectors', () => {
  it('hide no secret of any kind', () => {
    for (const text of SECRETS) {
      expect(detectSecretRanges(text)).not.toEqual([]);
      expect(detectSecretRanges(text)).toEqual(
        detectSecretRangesWithEveryDetector(text),
      );
    }
  });

  it('give the answer of every detector on mixed texts', () => {
    const texts = mixedTexts(30_000);
    let withSecrets = 0;
    const differ: string[] = [];
    for (const text of texts) {
      const all = detectSecretRangesWithEveryDetector(text);
      if (all.length > 0) withSecrets++;
      if (JSON.stringify(detectSecretRanges(text)) !== JSON.stringify(all)) {
        differ.push(text);
      }
    }
    expect(differ).toEqual([]);
    // The mix is worth checking: many texts hold a secret, many do not.
    expect(withSecrets).toBeGreaterThan(texts.length / 10);
    expect(withSecrets).toBeLessThan(texts.length);
  });
});
