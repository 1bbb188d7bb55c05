@description('Name of the Service Bus namespace.')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Topic for ticket events.')
param eventsTopicName string

@description('Topic for early warnings.')
param alertsTopicName string

@description('How long a MessageId is remembered to drop the copies a retried relay sends.')
param duplicateDetectionWindow string = 'PT10M'

// Subscriptions and what they filter on (the message's Subject and application properties).
var subscriptions = [
  { topic: eventsTopicName, name: 'crm-sync', filter: '1=1' }
  { topic: eventsTopicName, name: 'escalations', filter: 'sys.Label = \'ticket.escalated\'' }
  { topic: eventsTopicName, name: 'urgent', filter: 'urgency = \'high\'' }
  { topic: eventsTopicName, name: 'bi', filter: '1=1' }
  { topic: alertsTopicName, name: 'on-call', filter: '1=1' }
]

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  // Standard: topics and duplicate detection need it.
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource topics 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = [for topic in [eventsTopicName, alertsTopicName]: {
  parent: namespace
  name: topic
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    defaultMessageTimeToLive: 'P14D'
    enableBatchedOperations: true
    supportOrdering: true
  }
}]

resource topicSubscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = [for s in subscriptions: {
  name: '${name}/${s.topic}/${s.name}'
  properties: {
    maxDeliveryCount: 10
    lockDuration: 'PT1M'
    deadLetteringOnMessageExpiration: true
    deadLetteringOnFilterEvaluationExceptions: true
    defaultMessageTimeToLive: 'P14D'
  }
  dependsOn: [topics]
}]

resource rules 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = [for (s, i) in subscriptions: {
  parent: topicSubscriptions[i]
  name: 'filter'
  properties: {
    filterType: 'SqlFilter'
    sqlFilter: { sqlExpression: s.filter }
  }
}]

output name string = namespace.name
output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'
