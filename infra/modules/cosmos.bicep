@description('Name of the Cosmos DB account.')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Name of the SQL database.')
param databaseName string

// Partition keys follow the access paths; src/Feedback.Azure/Cosmos/CosmosDocuments.cs explains each.
var containers = [
  {
    name: 'tickets'
    partitionKey: '/number'
    defaultTtl: null
    // Queries read only the lifted top-level fields; the nested ticket and pending events are not indexed.
    includedPaths: [{ path: '/*' }]
    excludedPaths: [{ path: '/ticket/*' }, { path: '/pending/*' }, { path: '/"_etag"/?' }]
    compositeIndexes: [
      [
        { path: '/receivedAt', order: 'descending' }
        { path: '/number', order: 'descending' }
      ]
    ]
  }
  {
    name: 'events'
    partitionKey: '/ticketNumber'
    defaultTtl: null
    includedPaths: [{ path: '/*' }]
    excludedPaths: [{ path: '/event/*' }, { path: '/"_etag"/?' }]
    compositeIndexes: []
  }
  {
    // Counters, checkpoints, dedupe keys (with their own ttl), settings, aggregate buckets and records
    // (improvements, warnings, reports): only the fields record lists filter and order on are indexed.
    name: 'control'
    partitionKey: '/id'
    defaultTtl: -1
    includedPaths: [{ path: '/kind/?' }, { path: '/status/?' }, { path: '/department/?' }, { path: '/updatedAt/?' }]
    excludedPaths: [{ path: '/*' }]
    compositeIndexes: []
  }
  {
    // The audit trail (who read a protected contact, exported, changed a policy, erased a customer):
    // one document per entry; the app only creates them. Read in order of sequence.
    name: 'audit'
    partitionKey: '/id'
    defaultTtl: null
    includedPaths: [{ path: '/sequence/?' }]
    excludedPaths: [{ path: '/*' }]
    compositeIndexes: []
  }
  {
    // Flat report rows for Power BI, one partition per period (day, week, month).
    name: 'reports'
    partitionKey: '/period'
    defaultTtl: null
    includedPaths: [{ path: '/*' }]
    excludedPaths: [{ path: '/"_etag"/?' }]
    compositeIndexes: []
  }
]

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [
      { locationName: location, failoverPriority: 0, isZoneRedundant: false }
    ]
    capabilities: [
      { name: 'EnableServerless' }
    ]
    // Data-plane access by Entra ID role only.
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: { id: databaseName }
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [for c in containers: {
  parent: database
  name: c.name
  properties: {
    resource: union({
      id: c.name
      partitionKey: { paths: [c.partitionKey], kind: 'Hash', version: 2 }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: c.includedPaths
        excludedPaths: c.excludedPaths
        compositeIndexes: c.compositeIndexes
      }
    }, c.defaultTtl == null ? {} : { defaultTtl: c.defaultTtl })
  }
}]

output name string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
