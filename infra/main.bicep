// VideoVault on Azure Functions Flex Consumption (FC1, Linux, dotnet-isolated 10.0).
// Everything authenticates with one user-assigned managed identity: the storage account refuses
// Shared Key, so no account key or connection string exists anywhere in the app settings.
// Deploy: az deployment group create -g <group> -f infra/main.bicep -p infra/main.parameters.json
targetScope = 'resourceGroup'

@description('Region of every resource; it must offer Flex Consumption.')
param location string = resourceGroup().location

@description('Start of every resource name; a suffix derived from the resource group keeps global names unique.')
@minLength(3)
@maxLength(12)
param namePrefix string = 'videovault'

@description('PiAPI key, sent as X-API-Key.')
@secure()
param piApiKey string

@description('PiAPI base URL.')
param piApiBaseUrl string = 'https://api.piapi.ai'

@description('Id of the key that signs new tasks\' webhook secrets (letters and digits).')
param webhookSigningKeyId string = 'k1'

@description('The webhook signing key: base64 of at least 32 random bytes, e.g. from `openssl rand -base64 32`.')
@secure()
param webhookSigningKey string

@description('Id of the previous signing key during a rotation, so webhooks of tasks it signed still verify; empty when not rotating.')
param previousWebhookSigningKeyId string = ''

@description('The previous signing key (see previousWebhookSigningKeyId).')
@secure()
param previousWebhookSigningKey string = ''

@description('Standard Webhooks signing secret of the events sent to callers: whsec_ + base64 of 24 to 64 random bytes, e.g. "whsec_$(openssl rand -base64 32)".')
@secure()
param eventSigningSecret string

@description('The previous event signing secret during a rotation, so receivers that still check it keep verifying; empty when not rotating.')
@secure()
param previousEventSigningSecret string = ''

@description('Principal id of the identity of an app that consumes the events queue (e.g. another function app); empty for none. It gets Storage Queue Data Reader and Storage Queue Data Message Processor on that queue.')
param eventConsumerPrincipalId string = ''

@description('Base URL PiAPI calls back (https, reachable from the internet); empty means the function app\'s own default host name.')
param publicBaseUrl string = ''

@description('Upper bound of Flex Consumption instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each instance.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Days an archived video is kept before the storage lifecycle rule deletes it (with its poster); 0 keeps videos for ever. The app shows the date as video.expires_at.')
@minValue(0)
@maxValue(99999)
param videoRetentionDays int = 0

@description('Days after which an archived video moves to the cool tier (cheaper to keep, dearer to read, charged for 30 days at least); 0 never moves it. Set it below videoRetentionDays.')
@minValue(0)
@maxValue(99999)
param videoCoolAfterDays int = 0

@description('Days a deleted blob or container is kept soft-deleted, during which a deletion (by the API, retention or a person) can be undone.')
@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int = 7

var suffix = take(uniqueString(resourceGroup().id, namePrefix), 6)
var compactPrefix = toLower(replace(namePrefix, '-', ''))
var functionAppName = 'func-${namePrefix}-${suffix}'
var deploymentContainerName = 'app-package'

// Built-in role definition ids (Azure built-in roles reference).
var storageRoleIds = [
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner: videos, SAS user delegation keys, deployment package, host blobs
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor: work and poison queues, queue triggers
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor: task entities
]
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

// What a consumer of the events queue needs there: what a Functions queue trigger reads with its identity
// (the queue's metadata, for scaling) and takes (peek, receive, delete). It sends nothing to VideoVault's account.
var eventsQueueName = 'videovault-events'

// The app's own storage, created here rather than on first use: the queue triggers poll both work queues
// from the start, and a queue that is not there costs a logged 404 warning on every poll (62 a minute)
// until the first task creates it. The names are the app's defaults and its app settings below.
var taskTableName = 'videotasks'
var workQueueName = 'task-work'
var videoContainerName = 'videos'
var eventConsumerRoleIds = [
  '19e7f393-937e-4f77-808e-94535e297925' // Storage Queue Data Reader
  '8a0f0c08-91a1-4084-bc3d-661d67233fed' // Storage Queue Data Message Processor
]

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${namePrefix}-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${namePrefix}-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    // Telemetry is accepted only from Entra-authenticated senders (the identity below).
    DisableLocalAuth: true
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take('st${compactPrefix}${suffix}', 24)
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

// Soft delete: every deleted blob and container stays restorable for the window, whoever deleted it.
resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
  }
}

// Counted from each blob's creation, which is when its task was archived. Only the videos container: the
// account also holds the deployment package and the Functions host's blobs.
var videoTierActions = videoCoolAfterDays > 0 ? { tierToCool: { daysAfterCreationGreaterThan: videoCoolAfterDays } } : {}
var videoDeleteActions = videoRetentionDays > 0 ? { delete: { daysAfterCreationGreaterThan: videoRetentionDays } } : {}

resource videoLifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = if (videoRetentionDays > 0 || videoCoolAfterDays > 0) {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'video-retention'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${videoContainerName}/'
              ]
            }
            actions: {
              baseBlob: union(videoTierActions, videoDeleteActions)
            }
          }
        }
      ]
    }
  }
}

// Flex Consumption deploys the app package into this container.
resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// The archived videos; read only through short-lived SAS links.
resource videoContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: videoContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// Every retry of every task (ProcessWork's trigger), as raw JSON.
resource workQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: workQueueName
}

// Where the trigger moves a work item after maxDequeueCount failures (ProcessPoison's trigger).
resource poisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: '${workQueueName}-poison'
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// Tasks, their index rows and their events.
resource taskTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tableService
  name: taskTableName
}

// Every event of every task, as a CloudEvents 1.0 JSON message (base64), for other apps to queue-trigger on.
resource eventsQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: eventsQueueName
}

resource eventConsumerRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for roleId in eventConsumerRoleIds: if (!empty(eventConsumerPrincipalId)) {
  name: guid(eventsQueue.id, eventConsumerPrincipalId, roleId)
  scope: eventsQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    principalId: eventConsumerPrincipalId
    principalType: 'ServicePrincipal'
  }
}]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${namePrefix}-${suffix}'
  location: location
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for roleId in storageRoleIds: {
  name: guid(storage.id, identity.id, roleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}]

resource metricsPublisherRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identity.id, monitoringMetricsPublisherRoleId)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${namePrefix}-${suffix}'
  location: location
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
  // The host reads its storage with these roles as soon as it starts, and its queue triggers poll the queues at once.
  dependsOn: [
    storageRoles
    deploymentContainer
    videoContainer
    workQueue
    poisonQueue
    eventsQueue
    taskTable
  ]
}

// PiAPI must reach the webhook over https from the internet; a custom domain or gateway replaces the default host name.
var effectivePublicBaseUrl = empty(publicBaseUrl) ? 'https://${functionApp.properties.defaultHostName}' : publicBaseUrl

// Every setting the app reads (README, "Configuration"). The tuning values are the code's defaults,
// written out so they can be changed here; a test keeps this list complete and the values equal to
// the defaults. Archive__AllowedHosts and Events__AllowedHosts are for development only and must stay unset in Azure.
var appSettings = {
  // Functions host storage, identity-based.
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.properties.clientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'

  // The app's storage (tasks, queues, videos) and the queue triggers' Connection, identity-based.
  VideoVaultStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  VideoVaultStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  VideoVaultStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  VideoVaultStorage__credential: 'managedidentity'
  VideoVaultStorage__clientId: identity.properties.clientId

  VideoVault__PublicBaseUrl: effectivePublicBaseUrl
  VideoVault__TaskTable: taskTableName
  // Also the queue triggers' binding expression %VideoVault:WorkQueue%: the host needs it set.
  VideoVault__WorkQueue: workQueueName
  VideoVault__VideoContainer: videoContainerName
  VideoVault__MaxRequestBodyBytes: '65536'
  VideoVault__MaxWebhookBodyBytes: '262144'
  VideoVault__InlineCopyBudget: '00:00:05'
  VideoVault__InlineCopyMaxBytes: '134217728'
  VideoVault__ArchiveLease: '00:10:00'
  VideoVault__ReconcileDelay: '00:02:00'
  VideoVault__RecoveryScanAfter: '00:01:00'
  VideoVault__ReconcileInterval: '00:05:00'
  VideoVault__MaxTaskAge: '1.00:00:00'
  VideoVault__UncertainSubmitGrace: '00:02:00'
  VideoVault__SweepStaleAfter: '00:30:00'
  VideoVault__SasLifetime: '00:15:00'
  VideoVault__VideoRetentionDays: string(videoRetentionDays)
  VideoVault__RetryBaseDelay: '00:00:05'
  VideoVault__RetryMaxDelay: '00:10:00'
  VideoVault__MaxSubmitAttempts: '8'
  VideoVault__MaxArchiveAttempts: '6'
  VideoVault__MaxListPageSize: '100'
  VideoVault__StreamIdleTimeout: '00:03:00'
  VideoVault__StreamProgressInterval: '00:00:05'
  VideoVault__StreamLease: '00:10:00'
  VideoVault__AspectRatios__0: '16:9'
  VideoVault__AspectRatios__1: '9:16'
  VideoVault__Resolutions__0: '720p'
  VideoVault__Resolutions__1: '1080p'
  VideoVault__Durations__0: '4'
  VideoVault__Durations__1: '8'
  VideoVault__Durations__2: '12'

  PiApi__BaseUrl: piApiBaseUrl
  PiApi__ApiKey: piApiKey
  PiApi__Timeout: '00:00:30'

  WebhookSigning__CurrentKeyId: webhookSigningKeyId
  'WebhookSigning__Keys__${webhookSigningKeyId}': webhookSigningKey

  Archive__MaxVideoBytes: '2147483648'
  Archive__BlockSize: '4194304'
  Archive__MaxConcurrency: '4'
  Archive__IdleTimeout: '00:00:30'
  Archive__ConnectTimeout: '00:00:10'
  Archive__MaxRedirects: '3'
  Archive__MaxPosterBytes: '10485760'
  Archive__PosterTimeout: '00:00:10'

  Events__Queue: eventsQueueName
  Events__SigningSecrets__0: eventSigningSecret
  Events__RetrySchedule__0: '00:00:05'
  Events__RetrySchedule__1: '00:05:00'
  Events__RetrySchedule__2: '00:30:00'
  Events__RetrySchedule__3: '02:00:00'
  Events__RetrySchedule__4: '05:00:00'
  Events__RetrySchedule__5: '10:00:00'
  Events__RetrySchedule__6: '10:00:00'
  Events__ConnectTimeout: '00:00:05'
  Events__ResponseTimeout: '00:00:15'
  Events__SweepStaleAfter: '00:05:00'
  Events__PauseAfter: '5.00:00:00'
  Budgets__MaxOpenTasks: '0'
  Budgets__DailySpendUsd: '0'
  Budgets__ModelDailySpendUsd__sora2: '0'
  Budgets__UnknownPriceUsd: '1'
}

// Key rotation: make a new key current and keep the old one here until the tasks it signed are finished.
var previousKeySetting = empty(previousWebhookSigningKeyId) ? {} : {
  'WebhookSigning__Keys__${previousWebhookSigningKeyId}': previousWebhookSigningKey
}

// Event secret rotation: both secrets sign every webhook until receivers have moved to the new one.
var previousEventSecretSetting = empty(previousEventSigningSecret) ? {} : {
  Events__SigningSecrets__1: previousEventSigningSecret
}

// Replaces all app settings: change them here (or in the parameters), not in the portal.
resource functionAppSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: union(appSettings, previousKeySetting, previousEventSecretSetting)
  dependsOn: [
    metricsPublisherRole
  ]
}

output functionAppName string = functionApp.name
output baseUrl string = 'https://${functionApp.properties.defaultHostName}'
output publicBaseUrl string = effectivePublicBaseUrl
output storageAccountName string = storage.name
output identityClientId string = identity.properties.clientId
output eventsQueueName string = eventsQueue.name
