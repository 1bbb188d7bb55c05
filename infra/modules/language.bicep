@description('Name of the Azure AI Language account; also its custom subdomain, which Entra ID authentication needs.')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Pricing tier: F0 (free, one per subscription) or S.')
@allowed(['F0', 'S'])
param sku string = 'S'

resource language 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: 'TextAnalytics'
  sku: { name: sku }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

output name string = language.name
output endpoint string = language.properties.endpoint
