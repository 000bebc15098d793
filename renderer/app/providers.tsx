import type { ReactNode } from 'react';
import { BackupServiceContext } from '../features/backup/service';
import { DossierServiceContext } from '../features/dossier/service';
import { IntakeServiceContext } from '../features/intake/service';
import { OfficersServiceContext } from '../features/officers/service';
import { CountersServiceContext } from '../features/counters/service';
import { OverdueServiceContext } from '../features/overdue/service';
import { QueueServiceContext } from '../features/queue/service';
import { RatingDeskContext } from '../features/rating/service';
import { RegisterServiceContext } from '../features/register/service';
import { ReportServiceContext } from '../features/reports/service';
import { ScansServiceContext } from '../features/scans/service';
import { SessionServiceContext } from '../features/session/service';
import { SetupServiceContext } from '../features/setup/service';
import { StepsServiceContext } from '../features/steps/service';
import { ServicesContext } from './services';
import { ReplicaChangesContext } from './useAsync';
import type { CounterFeatures } from './wiring';

/** Gives each feature's screens their service; each screen reads only its own. */
export function FeatureProviders({ features, children }: { features: CounterFeatures; children: ReactNode }) {
  return (
    <ReplicaChangesContext.Provider value={features.onChange}>
      <SetupServiceContext.Provider value={features.setup}>
        <SessionServiceContext.Provider value={features.session}>
          <IntakeServiceContext.Provider value={features.intake}>
            <StepsServiceContext.Provider value={features.steps}>
              <DossierServiceContext.Provider value={features.dossier}>
                <QueueServiceContext.Provider value={features.queue}>
                  <RegisterServiceContext.Provider value={features.register}>
                    <BackupServiceContext.Provider value={features.backup}>
                      <ReportServiceContext.Provider value={features.reports}>
                        <ServicesContext.Provider value={features.conflicts}>
                          <OfficersServiceContext.Provider value={features.officers}>
                            <OverdueServiceContext.Provider value={features.overdue}>
                              <RatingDeskContext.Provider value={features.rating}>
                                <ScansServiceContext.Provider value={features.scans}>
                                  <CountersServiceContext.Provider value={features.counters}>
                                    {children}
                                  </CountersServiceContext.Provider>
                                </ScansServiceContext.Provider>
                              </RatingDeskContext.Provider>
                            </OverdueServiceContext.Provider>
                          </OfficersServiceContext.Provider>
                        </ServicesContext.Provider>
                      </ReportServiceContext.Provider>
                    </BackupServiceContext.Provider>
                  </RegisterServiceContext.Provider>
                </QueueServiceContext.Provider>
              </DossierServiceContext.Provider>
            </StepsServiceContext.Provider>
          </IntakeServiceContext.Provider>
        </SessionServiceContext.Provider>
      </SetupServiceContext.Provider>
    </ReplicaChangesContext.Provider>
  );
}
