@description('Name of the Key Vault for channel secrets.')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@secure()
@description('WeChat official-account server token; the secret is created only when a value is given.')
param wechatToken string = ''

@secure()
@description('WeChat EncodingAESKey for encrypted messages; the secret is created only when a value is given.')
param wechatEncodingAesKey string = ''

@secure()
@description('HMAC key channels sign their webhooks with; the secret is created only when a value is given.')
param webhookSigningKey string = ''

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource wechat 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(wechatToken)) {
  parent: vault
  name: 'wechat-token'
  properties: { value: wechatToken }
}

resource wechatAesKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(wechatEncodingAesKey)) {
  parent: vault
  name: 'wechat-encoding-aes-key'
  properties: { value: wechatEncodingAesKey }
}

resource signing 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(webhookSigningKey)) {
  parent: vault
  name: 'webhook-signing-key'
  properties: { value: webhookSigningKey }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
