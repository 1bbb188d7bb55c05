// The feedback backend on Azure: Function App (Flex Consumption, .NET isolated) with its storage,
// Cosmos DB, Service Bus, Azure AI Language, Key Vault, Application Insights, and a user-assigned
// identity holding only the roles it needs. Deploy: see docs/deploy.md.
targetScope = 'resourceGroup'

@minLength(1)
@maxLength(20)
@description('Short environment name (dev, prod …); part of every resource name.')
param environmentName string

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('Azure AI Language pricing tier.')
@allowed(['F0', 'S'])
param languageSku string = 'S'

@description('Most instances the Function App may scale out to.')
@minValue(1)
param maximumInstanceCount int = 40

@secure()
@description('WeChat official-account server token, stored in Key Vault (optional).')
param wechatToken string = ''

@secure()
@description('WeChat 消息加解密密钥 (EncodingAESKey, 43 characters) for 兼容模式/安全模式, stored in Key Vault (optional).')
param wechatEncodingAesKey string = ''

@description('The official account\'s AppId; required with wechatEncodingAesKey, which seals every message for it.')
param wechatAppId string = ''

@secure()
@description('HMAC key channels sign their webhooks with, stored in Key Vault (optional).')
param webhookSigningKey string = ''

@description('Microsoft Entra ID tenant whose agents sign in (default: this subscription\'s).')
param entraTenantId string = tenant().tenantId

@description('Client id of the API\'s Entra ID app registration (app roles agent, supervisor, admin, analyst; docs/security.md). Empty: no staff token is accepted.')
param apiClientId string = ''

@description('Business time zone of ticket numbers.')
param timeZone string = 'Asia/Shanghai'

var abbrs = loadJsonContent('abbreviations.json')
var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = { 'azd-env-name': environmentName, application: 'feedback' }
var databaseName = 'feedback'
var eventsTopicName = 'feedback-events'
var alertsTopicName = 'alerts'
var attachmentsContainerName = 'attachments'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: '${abbrs.managedIdentity}feedback-${environmentName}-${token}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: '${abbrs.logAnalytics}feedback-${environmentName}-${token}'
    appInsightsName: '${abbrs.appInsights}feedback-${environmentName}-${token}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: take('${abbrs.storageAccount}feedback${token}', 24)
    location: location
    tags: tags
    deploymentContainerName: 'app-package'
    attachmentsContainerName: attachmentsContainerName
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    name: '${abbrs.cosmosAccount}feedback-${environmentName}-${token}'
    location: location
    tags: tags
    databaseName: databaseName
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: {
    name: '${abbrs.serviceBusNamespace}feedback-${environmentName}-${token}'
    location: location
    tags: tags
    eventsTopicName: eventsTopicName
    alertsTopicName: alertsTopicName
  }
}

module language 'modules/language.bicep' = {
  name: 'language'
  params: {
    name: '${abbrs.languageAccount}feedback-${environmentName}-${token}'
    location: location
    tags: tags
    sku: languageSku
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: take('${abbrs.keyVault}fb-${environmentName}-${token}', 24)
    location: location
    tags: tags
    wechatToken: wechatToken
    wechatEncodingAesKey: wechatEncodingAesKey
    webhookSigningKey: webhookSigningKey
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    cosmosAccountName: cosmos.outputs.name
    serviceBusNamespaceName: serviceBus.outputs.name
    languageAccountName: language.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

module functions 'modules/functions.bicep' = {
  name: 'functions'
  params: {
    name: '${abbrs.functionApp}feedback-${environmentName}-${token}'
    planName: '${abbrs.appServicePlan}feedback-${environmentName}-${token}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.connectionString
    maximumInstanceCount: maximumInstanceCount
    // The encryption settings only when a key is given: an unresolved Key Vault reference would be read as the key and stop the start.
    appSettings: union({
      Cosmos__AccountEndpoint: cosmos.outputs.endpoint
      Cosmos__DatabaseName: databaseName
      ServiceBus__FullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
      ServiceBus__EventsTopic: eventsTopicName
      ServiceBus__AlertsTopic: alertsTopicName
      Attachments__BlobServiceUri: storage.outputs.blobEndpoint
      Attachments__ContainerName: attachmentsContainerName
      Language__Endpoint: language.outputs.endpoint
      Business__TimeZone: timeZone
      // Agents' tokens: Entra ID v2 tokens for the API's app registration; its app roles arrive in the roles claim.
      Auth__Jwt__Authority: '${environment().authentication.loginEndpoint}${entraTenantId}/v2.0'
      Auth__Jwt__Audience: apiClientId
      // Customers open the satisfaction link here (/s/{token}); the app's name is fixed above, so is its host.
      ClosedLoop__PublicBaseUrl: 'https://${abbrs.functionApp}feedback-${environmentName}-${token}.azurewebsites.net'
      Channels__WeChat__Token: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/wechat-token/)'
      // Every signed channel starts with the shared key; give one its own by pointing its setting at another secret.
      Channels__Secrets__hotline: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/webhook-signing-key/)'
      Channels__Secrets__social: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/webhook-signing-key/)'
      Channels__Secrets__survey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/webhook-signing-key/)'
      Channels__Secrets__reviews: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/webhook-signing-key/)'
      Channels__Secrets__email: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/webhook-signing-key/)'
    }, empty(wechatEncodingAesKey) ? {} : {
      Channels__WeChat__EncodingAesKey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/wechat-encoding-aes-key/)'
      Channels__WeChat__AppId: wechatAppId
    })
  }
  // The app must not start before its identity may read what its settings name.
  dependsOn: [rbac]
}

output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output FUNCTION_APP_URL string = 'https://${functions.outputs.defaultHostName}/api'
output AZURE_CLIENT_ID string = identity.outputs.clientId
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_DATABASE string = databaseName
output SERVICE_BUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output LANGUAGE_ENDPOINT string = language.outputs.endpoint
output KEY_VAULT_NAME string = keyVault.outputs.name
output APPLICATION_INSIGHTS_NAME string = monitoring.outputs.appInsightsName
