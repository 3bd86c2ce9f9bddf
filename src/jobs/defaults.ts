/** Jobs in flight per account unless `zendesk.bulk.maxJobsInFlight` says otherwise: a third of Zendesk's 30. */
export const DEFAULT_MAX_JOBS_IN_FLIGHT = 10;
