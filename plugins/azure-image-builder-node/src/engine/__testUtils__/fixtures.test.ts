import { extractImageTemplates } from './fixtures';

describe('extractImageTemplates', () => {
  it('finds templates by type, at any depth, and bodies without a type', () => {
    const typed = {
      type: 'microsoft.virtualmachineimages/IMAGETEMPLATES',
      properties: {},
    };
    const untyped = { properties: { source: {}, distribute: [] } };
    const namespaceOnly = {
      type: 'Microsoft.VirtualMachineImages',
      properties: { source: {}, distribute: [] },
    };
    const doc = {
      resources: [
        { type: 'Microsoft.Network/virtualNetworks', properties: {} },
        typed,
      ],
      parameters: { parameters: untyped },
      responses: { 200: { body: { value: [typed] } } },
      other: { properties: { source: {} } },
      sample: namespaceOnly,
      trigger: {
        type: 'Microsoft.VirtualMachineImages/imageTemplates/triggers',
        properties: { source: {}, distribute: [] },
      },
    };
    expect(extractImageTemplates(doc)).toEqual([
      { pointer: '/resources/1', resource: typed },
      { pointer: '/parameters/parameters', resource: untyped },
      { pointer: '/responses/200/body/value/0', resource: typed },
      { pointer: '/sample', resource: namespaceOnly },
    ]);
  });

  it('finds a document that is itself a template', () => {
    const doc = { properties: { source: {}, distribute: [] } };
    expect(extractImageTemplates(doc)).toEqual([
      { pointer: '/', resource: doc },
    ]);
  });
});
