/*
 * Generates large snapshots for benchmarks: templates with a realistic mix of passing and failing
 * rules (locks, triggers, checksums, subnets, boot optimization, last runs), spread over
 * subscriptions and owners. Deterministic: the same options give the same snapshot. With `full`,
 * templates carry everything the 18 rules read (role data, identities, staging groups, several
 * distributors, validators, secrets): see {@link GenerateSnapshotOptions.full}.
 *
 *   import { generateSnapshot } from '<repo>/plugins/azure-image-builder-node/bench/generateSnapshot';
 *   generateSnapshot({ templates: 5000, subscriptions: 10, owners: i => (i < 1000 ? 'platform' : `team-${i % 40}`) });
 */
import {
  ArmResource,
  Snapshot,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';

/** Options of {@link generateSnapshot}. */
export interface GenerateSnapshotOptions {
  /** How many image templates. */
  templates: number;
  /** How many subscriptions share them (in equal contiguous blocks); default one per 500. */
  subscriptions?: number;
  /**
   * The `owner` tag of template `i` (0-based): a number of teams (`team-0` … `team-<n-1>`, round
   * robin), a list of tag values (round robin), or a function of the index. Default 50 teams.
   */
  owners?: number | readonly string[] | ((index: number) => string);
  /** `capturedAt` of the snapshot; default now. */
  capturedAt?: string;
  /**
   * Templates as large as real ones, exercising all 18 rules (default false, the small templates
   * above): Linux and Windows templates with Shell, PowerShell, File and restart customizers
   * (some with a SAS URL or an inline password), validators, SharedImage distributors with 1–3
   * target regions plus ManagedImage and VHD ones, subnets, template and build VM identities,
   * staging resource groups; and per subscription the role definitions (Owner, Contributor, Reader,
   * Storage Blob Data Reader and a custom role), role assignments at the management group,
   * subscription, resource groups, staging groups and templates (a few to a role definition that
   * is missing), user-assigned identities, trigger and lock variety.
   */
  full?: boolean;
}

const RUN_STATES = ['Succeeded', 'Succeeded', 'Succeeded', 'Failed', 'Running'];

function ownerFor(
  owners: GenerateSnapshotOptions['owners'],
): (index: number) => string {
  if (typeof owners === 'function') return owners;
  if (Array.isArray(owners)) {
    if (owners.length === 0) throw new Error('owners must not be empty');
    return i => owners[i % owners.length];
  }
  const teams = typeof owners === 'number' ? owners : 50;
  if (!(teams >= 1)) throw new Error('owners must be at least 1');
  return i => `team-${i % teams}`;
}

function subscriptionId(s: number): string {
  return `00000000-0000-4000-8000-${String(s).padStart(12, '0')}`;
}

function template(sub: string, i: number, owner: string): ArmResource {
  const rg = `rg-images-${i % 20}`;
  const id = `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.VirtualMachineImages/imageTemplates/it-${i}`;
  const start = Date.UTC(2026, 10, 1) + (i % 1000) * 3_600_000;
  return {
    id,
    name: `it-${i}`,
    type: 'Microsoft.VirtualMachineImages/imageTemplates',
    location: i % 2 ? 'westeurope' : 'northeurope',
    tags: { owner, 'image-family': `family-${i % 100}` },
    identity: { type: 'UserAssigned', userAssignedIdentities: {} },
    properties: {
      source: {
        type: 'PlatformImage',
        publisher: 'Canonical',
        offer: 'ubuntu-24_04-lts',
        sku: 'server',
        version: 'latest',
      },
      customize: [
        {
          type: 'Shell',
          name: 'setup',
          scriptUri: `https://example.blob.core.windows.net/s/setup-${i}.sh?sv=2022&sig=abc${i}`,
          sha256Checksum: i % 3 ? 'ab'.repeat(32) : '',
        },
        {
          type: 'Shell',
          name: 'inline',
          inline: ['sudo apt-get update', 'sudo apt-get -y upgrade'],
        },
      ],
      distribute: [
        {
          type: 'SharedImage',
          galleryImageId: `/subscriptions/${sub}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/g/images/img-${
            i % 100
          }`,
          runOutputName: 'out',
          targetRegions: [{ name: 'westeurope', replicaCount: 3 }],
        },
      ],
      vmProfile: {
        vmSize: 'Standard_D4s_v5',
        osDiskSizeGB: 128,
        vnetConfig:
          i % 4
            ? {
                subnetId: `/subscriptions/${sub}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/v/subnets/build`,
              }
            : undefined,
      },
      optimize: i % 2 ? { vmBoot: { state: 'Enabled' } } : undefined,
      provisioningState: 'Succeeded',
      // Every seventh template has never run.
      lastRunStatus:
        i % 7 === 6
          ? undefined
          : {
              runState: RUN_STATES[i % RUN_STATES.length],
              runSubState: 'Distributing',
              startTime: new Date(start).toISOString(),
              endTime: new Date(start + 2_700_000).toISOString(),
              message: '',
            },
    },
  };
}

const REGIONS = ['westeurope', 'northeurope', 'swedencentral', 'uksouth'];

const ROLES = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  blobReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  /** A custom role: runs Image Builder, reads the gallery, writes image versions. */
  imageOperator: '0c0ffee0-0000-4000-8000-00000000a1b0',
  /** Referenced by some assignments but absent from roleDefinitions (a deleted custom role). */
  missing: '0dead000-0000-4000-8000-0000000000ff',
};

function roleDefinitions(sub: string): ArmResource[] {
  const definition = (
    roleGuid: string,
    roleName: string,
    type: 'BuiltInRole' | 'CustomRole',
    actions: string[],
    notActions: string[] = [],
    dataActions: string[] = [],
  ): ArmResource => ({
    id: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`,
    name: roleGuid,
    type: 'Microsoft.Authorization/roleDefinitions',
    properties: {
      roleName,
      type,
      assignableScopes: ['/'],
      permissions: [{ actions, notActions, dataActions, notDataActions: [] }],
    },
  });
  return [
    definition(ROLES.owner, 'Owner', 'BuiltInRole', ['*']),
    definition(
      ROLES.contributor,
      'Contributor',
      'BuiltInRole',
      ['*'],
      [
        'Microsoft.Authorization/*/Delete',
        'Microsoft.Authorization/*/Write',
        'Microsoft.Authorization/elevateAccess/Action',
        'Microsoft.Blueprint/blueprintAssignments/write',
        'Microsoft.Blueprint/blueprintAssignments/delete',
        'Microsoft.Compute/galleries/share/action',
      ],
    ),
    definition(ROLES.reader, 'Reader', 'BuiltInRole', ['*/read']),
    definition(
      ROLES.blobReader,
      'Storage Blob Data Reader',
      'BuiltInRole',
      [
        'Microsoft.Storage/storageAccounts/blobServices/containers/read',
        'Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action',
      ],
      [],
      ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'],
    ),
    definition(ROLES.imageOperator, 'Image Builder Operator', 'CustomRole', [
      'Microsoft.VirtualMachineImages/imageTemplates/*',
      'Microsoft.Compute/galleries/read',
      'Microsoft.Compute/galleries/images/read',
      'Microsoft.Compute/galleries/images/versions/*',
      'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action',
    ]),
  ];
}

/** A GUID-shaped principal or assignment id: `kind` tells the families apart. */
function guid(kind: number, n: number, s: number): string {
  return `${kind.toString(16).padStart(8, '0')}-${s
    .toString(16)
    .padStart(4, '0')}-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** Builds the role assignments of one subscription; assignment names are unique per subscription. */
function assignmentMaker(sub: string, s: number) {
  let n = 0;
  return (
    scope: string,
    role: string,
    principalId: string,
    principalType: string,
  ): ArmResource => {
    const name = guid(0xa, ++n, s);
    return {
      id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
      name,
      type: 'Microsoft.Authorization/roleAssignments',
      properties: {
        // Half the references omit the subscription, as ARM returns built-in roles.
        roleDefinitionId: `${
          n % 2 ? '' : `/subscriptions/${sub}`
        }/providers/Microsoft.Authorization/roleDefinitions/${role}`,
        principalId,
        principalType,
        scope,
      },
    };
  };
}

const LINUX_INLINE = [
  'set -euo pipefail',
  'sudo apt-get update',
  'sudo DEBIAN_FRONTEND=noninteractive apt-get -y upgrade',
  'sudo apt-get install -y ca-certificates curl gnupg lsb-release jq unzip',
  'curl -fsSL https://packages.microsoft.com/keys/microsoft.asc | sudo gpg --dearmor -o /etc/apt/keyrings/microsoft.gpg',
  'sudo mkdir -p /opt/agent && sudo chown -R packer:packer /opt/agent',
  'echo "export PATH=$PATH:/opt/agent/bin" | sudo tee /etc/profile.d/agent.sh',
];

const WINDOWS_INLINE = [
  '$ErrorActionPreference = "Stop"',
  'Set-ExecutionPolicy Bypass -Scope Process -Force',
  "New-Item -ItemType Directory -Force -Path 'C:\\BuildArtifacts'",
  'Install-WindowsFeature -Name Web-Server -IncludeManagementTools',
  "Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate' -Name NoAutoUpdate -Value 1",
];

/**
 * A template with everything the rules read (see {@link GenerateSnapshotOptions.full}): built on
 * the small one so both share ids, tags and run states.
 */
function fullTemplate(
  sub: string,
  i: number,
  owner: string,
  identity: string,
  principalId: string,
  buildIdentity: string | undefined,
): ArmResource {
  const base = template(sub, i, owner);
  const props = base.properties as Record<string, any>;
  const windows = i % 4 === 3;
  const storage = `https://stimages${i % 7}.blob.core.windows.net/scripts`;
  // A fifth of the templates download with a SAS token, a tenth has an inline password.
  const sas = (n: number) =>
    n % 15 === 0
      ? `?sv=2022-11-02&ss=b&srt=o&sp=r&se=2027-01-01T00:00:00Z&sig=Zm9v${n}YmFy%2BYmF6%3D`
      : '';
  const checksum = (n: number) =>
    n % 3 ? `${(n % 10).toString()}f`.repeat(32) : '';
  const gallery = `/subscriptions/${sub}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/gal_images/images/${
    windows ? 'win' : 'ubuntu'
  }-${i % 100}`;
  // Families (tag `family-<i % 100>`) span regions; every tenth template is alone in its own.
  const location = REGIONS[(i + Math.floor(i / 100)) % REGIONS.length];
  const regionCount = 1 + (i % 3);
  base.location = location;
  base.tags = {
    ...base.tags,
    ...(i % 10 === 7 ? { 'image-family': `solo-${i}` } : {}),
    environment: i % 5 ? 'prod' : 'dev',
    costCenter: `cc-${1000 + (i % 17)}`,
    'hidden-title': `Image template ${i}`,
  };
  base.identity = {
    type: 'UserAssigned',
    userAssignedIdentities: {
      [identity]: i % 2 ? { principalId, clientId: guid(9, i, 0) } : {},
    },
  };
  if (windows) {
    props.source = {
      type: 'PlatformImage',
      publisher: 'MicrosoftWindowsServer',
      offer: 'WindowsServer',
      sku: '2022-datacenter-azure-edition',
      version: i % 8 === 7 ? '20348.2527.240605' : 'latest',
    };
  } else if (i % 6 === 4) {
    props.source = {
      type: 'SharedImageVersion',
      imageVersionId: `${gallery.replace(/-\d+$/, '-base')}/versions/${
        i % 12 === 4 ? 'latest' : '1.0.3'
      }`,
    };
  }
  props.customize = windows
    ? [
        {
          type: 'PowerShell',
          name: 'bootstrap',
          scriptUri: `${storage}/bootstrap-${i % 50}.ps1${sas(i)}`,
          sha256Checksum: checksum(i),
          runElevated: true,
          runAsSystem: true,
        },
        {
          type: 'PowerShell',
          name: 'configure',
          inline:
            i % 10 === 3
              ? [...WINDOWS_INLINE, `$adminPassword = 'Pa55-w0rd-${i}!'`]
              : WINDOWS_INLINE,
        },
        {
          type: 'File',
          name: 'agent',
          sourceUri: `${storage}/agent-${i % 20}.zip${sas(i + 1)}`,
          destination: 'C:\\BuildArtifacts\\agent.zip',
          sha256Checksum: checksum(i + 1),
        },
        { type: 'WindowsRestart', restartTimeout: '10m' },
        {
          type: 'WindowsUpdate',
          searchCriteria: 'IsInstalled=0',
          filters: ["exclude:$_.Title -like '*Preview*'", 'include:$true'],
          updateLimit: 40,
        },
      ]
    : [
        {
          type: 'Shell',
          name: 'setup',
          scriptUri: `${storage}/setup-${i % 40}.sh${sas(i + 5)}`,
          sha256Checksum: checksum(i),
        },
        {
          type: 'Shell',
          name: 'packages',
          inline:
            i % 10 === 0
              ? [
                  ...LINUX_INLINE,
                  `export REGISTRY_PASSWORD=s3cr3t-${i} && docker login -u builder -p "$REGISTRY_PASSWORD" registry.example.com`,
                ]
              : LINUX_INLINE,
        },
        {
          type: 'File',
          name: 'config',
          sourceUri: `${storage}/config-${i % 30}.tar.gz${sas(i + 2)}`,
          destination: '/tmp/config.tar.gz',
          sha256Checksum: checksum(i + 2),
        },
        {
          type: 'Shell',
          name: 'harden',
          scriptUri: `${storage}/harden.sh`,
          sha256Checksum: checksum(i + 3),
        },
      ];
  props.validate =
    i % 3 === 2
      ? undefined
      : {
          continueDistributeOnFailure: i % 9 === 0,
          sourceValidationOnly: false,
          inVMValidations: [
            {
              type: windows ? 'PowerShell' : 'Shell',
              name: 'smoke-test',
              scriptUri: `${storage}/validate.${windows ? 'ps1' : 'sh'}${sas(
                i + 4,
              )}`,
              sha256Checksum: checksum(i + 4),
            },
            windows
              ? {
                  type: 'PowerShell',
                  name: 'services',
                  inline: ['Get-Service W3SVC'],
                }
              : {
                  type: 'Shell',
                  name: 'services',
                  inline: ['systemctl is-active ssh'],
                },
          ],
        };
  const targetRegions = Array.from({ length: regionCount }, (_, k) => ({
    name: REGIONS[(i + k) % REGIONS.length],
    replicaCount: 1 + ((i + k) % 4),
    storageAccountType: (i + k) % 3 ? 'Standard_ZRS' : 'Standard_LRS',
  }));
  props.distribute = [
    {
      type: 'SharedImage',
      galleryImageId: gallery,
      runOutputName: `${base.name}-sig`,
      artifactTags: {
        source: 'aib',
        baseosimg: windows ? 'windows2022' : 'ubuntu2404',
      },
      excludeFromLatest: false,
      targetRegions,
      versioning: { scheme: 'Latest', major: 1 },
    },
    ...(i % 5 === 0
      ? [
          {
            type: 'ManagedImage',
            imageId: `/subscriptions/${sub}/resourceGroups/rg-managed/providers/Microsoft.Compute/images/${base.name}`,
            location: REGIONS[(i + 1) % REGIONS.length],
            runOutputName: `${base.name}-managed`,
          },
        ]
      : []),
    ...(i % 7 === 0
      ? [{ type: 'VHD', runOutputName: `${base.name}-vhd` }]
      : []),
  ];
  props.vmProfile = {
    vmSize: windows ? 'Standard_D8s_v5' : 'Standard_D4s_v5',
    osDiskSizeGB: windows ? 256 : 128,
    ...(buildIdentity ? { userAssignedIdentities: [buildIdentity] } : {}),
    ...(i % 4
      ? {
          vnetConfig: {
            subnetId: `/subscriptions/${sub}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-build/subnets/build`,
            ...(i % 4 === 2
              ? {
                  containerInstanceSubnetId: `/subscriptions/${sub}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-build/subnets/aci`,
                }
              : { proxyVmSize: 'Standard_A1_v2' }),
          },
        }
      : {}),
  };
  props.buildTimeoutInMinutes = windows ? 240 : 90;
  // Nine in ten set their staging group; the rest have the service-made one.
  if (i % 10 === 9) {
    props.exactStagingResourceGroup = `/subscriptions/${sub}/resourceGroups/IT_rg-images-${
      i % 20
    }_${base.name}_${guid(0xf, i, 0)}`;
  } else {
    props.stagingResourceGroup = stagingGroup(sub, i);
  }
  return base;
}

function stagingGroup(sub: string, i: number): string {
  return `/subscriptions/${sub}/resourceGroups/rg-staging-it-${i}`;
}

/** The role data, identities, triggers and locks of one subscription of a `full` snapshot. */
function fullSubscription(
  s: number,
  first: number,
  end: number,
  ownerOf: (index: number) => string,
): SnapshotSubscription {
  const sub = subscriptionId(s);
  const subScope = `/subscriptions/${sub}`;
  const assignment = assignmentMaker(sub, s);
  const managementGroup =
    '/providers/Microsoft.Management/managementGroups/corp';
  const rg = (n: number) => `${subScope}/resourceGroups/rg-images-${n}`;
  const rgIdentity = (n: number) =>
    `${rg(
      n,
    )}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aib-rg-images-${n}`;
  const ownIdentity = (i: number) =>
    `${rg(
      i % 20,
    )}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aib-it-${i}`;
  const buildIdentityOf = (i: number) =>
    `${rg(
      i % 20,
    )}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/build-it-${i}`;
  const storageScope = `${subScope}/resourceGroups/rg-scripts/providers/Microsoft.Storage/storageAccounts/stimages`;
  const galleryGroup = `${subScope}/resourceGroups/rg-gallery`;

  // Wide grants every template sees: readers, a few contributors and an owner, a CI principal.
  const roleAssignments: ArmResource[] = [
    ...Array.from({ length: 4 }, (_, k) =>
      assignment(managementGroup, ROLES.reader, guid(2, k, 0), 'Group'),
    ),
    assignment(managementGroup, ROLES.owner, guid(2, 99, 0), 'Group'),
    ...Array.from({ length: 12 }, (_, k) =>
      assignment(subScope, ROLES.reader, guid(1, k, s), 'User'),
    ),
    ...Array.from({ length: 2 }, (_, k) =>
      assignment(subScope, ROLES.contributor, guid(1, 100 + k, s), 'Group'),
    ),
    assignment(subScope, ROLES.owner, guid(1, 200, s), 'User'),
    assignment(
      subScope,
      ROLES.imageOperator,
      guid(1, 300, s),
      'ServicePrincipal',
    ),
  ];
  const identities: ArmResource[] = [];
  const identity = (id: string, principalId: string): ArmResource => ({
    id,
    name: id.slice(id.lastIndexOf('/') + 1),
    type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
    location: 'westeurope',
    properties: {
      principalId,
      clientId: guid(9, identities.length, s),
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    },
  });
  // Per resource group: a shared template identity, the team as Contributor, an operator.
  for (let n = 0; n < 20; n++) {
    identities.push(identity(rgIdentity(n), guid(3, n, s)));
    roleAssignments.push(
      assignment(rg(n), ROLES.contributor, guid(5, n, s), 'Group'),
      assignment(rg(n), ROLES.imageOperator, guid(6, n, s), 'User'),
      assignment(
        galleryGroup,
        ROLES.imageOperator,
        guid(3, n, s),
        'ServicePrincipal',
      ),
      assignment(
        storageScope,
        ROLES.blobReader,
        guid(3, n, s),
        'ServicePrincipal',
      ),
    );
  }
  roleAssignments.push(
    assignment(galleryGroup, ROLES.reader, guid(1, 400, s), 'Group'),
    // Someone made the shared identity of one group Owner of the subscription: a failure.
    assignment(subScope, ROLES.owner, guid(3, s % 20, s), 'ServicePrincipal'),
  );

  const templates: ArmResource[] = [];
  for (let i = first; i < end; i++) {
    // A quarter of the templates have their own identity; the rest share their group's.
    const own = i % 4 === 0;
    const templateIdentity = own ? ownIdentity(i) : rgIdentity(i % 20);
    const principal = own ? guid(3, i, s) : guid(3, i % 20, s);
    if (own) {
      identities.push(identity(templateIdentity, principal));
      roleAssignments.push(
        assignment(
          galleryGroup,
          ROLES.imageOperator,
          principal,
          'ServicePrincipal',
        ),
        assignment(
          storageScope,
          ROLES.blobReader,
          principal,
          'ServicePrincipal',
        ),
      );
    }
    const buildIdentity = i % 2 ? buildIdentityOf(i) : undefined;
    if (buildIdentity) {
      identities.push(identity(buildIdentity, guid(4, i, s)));
      roleAssignments.push(
        assignment(
          storageScope,
          ROLES.blobReader,
          guid(4, i, s),
          'ServicePrincipal',
        ),
      );
    }
    const t = fullTemplate(
      sub,
      i,
      ownerOf(i),
      templateIdentity,
      principal,
      buildIdentity,
    );
    if (i % 10 !== 9) {
      roleAssignments.push(
        assignment(
          stagingGroup(sub, i),
          ROLES.contributor,
          principal,
          'ServicePrincipal',
        ),
      );
      // Some staging groups also let a developer in: a staging-access failure.
      if (i % 11 === 0) {
        roleAssignments.push(
          assignment(
            stagingGroup(sub, i),
            ROLES.contributor,
            guid(7, i, s),
            'User',
          ),
        );
      }
    }
    if (i % 3 === 0) {
      roleAssignments.push(
        assignment(
          t.id,
          i % 50 === 0 ? ROLES.missing : ROLES.imageOperator,
          guid(8, i % 40, s),
          'User',
        ),
      );
    }
    templates.push(t);
  }

  return {
    subscriptionId: sub,
    displayName: `Images ${s}`,
    tags: { businessUnit: 'platform' },
    resourceGroups: [],
    imageTemplates: templates,
    triggers: templates
      .filter((_, k) => (first + k) % 10 !== 5)
      .map((t, k) => ({
        id: `${t.id}/triggers/source`,
        name: 'source',
        type: 'Microsoft.VirtualMachineImages/imageTemplates/triggers',
        properties: {
          kind: 'SourceImage',
          provisioningState: 'Succeeded',
          status:
            (first + k) % 13 === 0
              ? {
                  code: 'Disabled',
                  message:
                    'The trigger was disabled after the image build failed',
                }
              : { code: 'Healthy', message: '' },
        },
      })),
    locks: [
      ...templates
        .filter((_, k) => (first + k) % 3 === 0)
        .map(t => ({
          id: `${t.id}/providers/Microsoft.Authorization/locks/keep`,
          name: 'keep',
          type: 'Microsoft.Authorization/locks',
          properties: { level: 'CanNotDelete', notes: 'do not delete' },
        })),
      ...templates
        .filter((_, k) => (first + k) % 3 === 1 && (first + k) % 2 === 0)
        .map(t => ({
          id: `${t.id}/providers/Microsoft.Authorization/locks/frozen`,
          name: 'frozen',
          type: 'Microsoft.Authorization/locks',
          properties: { level: 'ReadOnly' },
        })),
      ...(s % 2 === 0
        ? [
            {
              id: `${galleryGroup}/providers/Microsoft.Authorization/locks/gallery`,
              name: 'gallery',
              type: 'Microsoft.Authorization/locks',
              properties: { level: 'CanNotDelete' },
            },
          ]
        : []),
    ],
    roleAssignments,
    roleDefinitions: roleDefinitions(sub),
    userAssignedIdentities: identities,
    errors: [],
  };
}

/**
 * A snapshot of `templates` generated image templates (see {@link GenerateSnapshotOptions}).
 * Every template has a source trigger; every third one a delete lock.
 */
export function generateSnapshot(options: GenerateSnapshotOptions): Snapshot {
  const count = options.templates;
  const subscriptionCount =
    options.subscriptions ?? Math.max(1, Math.ceil(count / 500));
  if (!(subscriptionCount >= 1)) throw new Error('subscriptions must be >= 1');
  const ownerOf = ownerFor(options.owners);
  const perSubscription = Math.ceil(count / subscriptionCount);

  const subscriptions: SnapshotSubscription[] = [];
  for (let s = 0; s < subscriptionCount; s++) {
    if (options.full) {
      subscriptions.push(
        fullSubscription(
          s,
          s * perSubscription,
          Math.min(count, (s + 1) * perSubscription),
          ownerOf,
        ),
      );
      continue;
    }
    const sub = subscriptionId(s);
    const templates: ArmResource[] = [];
    for (
      let i = s * perSubscription;
      i < Math.min(count, (s + 1) * perSubscription);
      i++
    ) {
      templates.push(template(sub, i, ownerOf(i)));
    }
    subscriptions.push({
      subscriptionId: sub,
      displayName: `Images ${s}`,
      tags: {},
      resourceGroups: [],
      imageTemplates: templates,
      triggers: templates.map(t => ({
        id: `${t.id}/triggers/source`,
        name: 'source',
        properties: {
          kind: 'SourceImage',
          provisioningState: 'Succeeded',
          status: { code: 'Healthy' },
        },
      })),
      locks: templates
        .filter((_, i) => i % 3 === 0)
        .map(t => ({
          id: `${t.id}/providers/Microsoft.Authorization/locks/keep`,
          name: 'keep',
          properties: { level: 'CanNotDelete' },
        })),
      roleAssignments: [],
      roleDefinitions: [],
      userAssignedIdentities: [],
      errors: [],
    });
  }
  return {
    kind: 'aib-scorecards/snapshot',
    version: 1,
    capturedAt: options.capturedAt ?? new Date().toISOString(),
    subscriptions,
  };
}
