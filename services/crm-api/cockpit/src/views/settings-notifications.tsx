import { useCallback, useEffect, useState } from 'preact/hooks';
import { type Api, ApiFailure, failureMessage } from '../api.js';
import { Field } from '../components/field.js';
import { ageOf } from '../format.js';

/** A target of the config's notifications section (the fields this panel edits; the rest kept as they are). */
interface Target {
  readonly name: string;
  readonly kind: 'webhook' | 'slack' | 'email';
  readonly instant?: boolean;
  readonly digest?: boolean;
  readonly minScore?: number;
  readonly maxPerHour?: number;
  readonly email?: { readonly host: string; readonly port?: number; readonly from: string; readonly to: readonly string[] };
  readonly [field: string]: unknown;
}

/** A target as `GET /notifications/targets` shows it: with its secret's presence and its last deliveries. */
interface TargetView extends Target {
  readonly secretStored: boolean | null;
  readonly delivery: {
    readonly lastDeliveredAt: string | null;
    readonly lastFailedAt: string | null;
    readonly lastError: string | null;
    readonly failuresInRow: number;
    /** The last test the user asked for: whether it was delivered (if not, lastError says why). */
    readonly lastTest?: { readonly requestId: string; readonly delivered: boolean; readonly at: string };
  } | null;
}

interface Targets {
  readonly version: number;
  readonly digestSchedule: string | null;
  readonly targets: readonly TargetView[];
}

/** What a target's secret is, in words. */
const secretWord = (kind: Target['kind']) => (kind === 'email' ? 'SMTP password' : 'webhook URL');

/** What a target sends, in words. */
function settingsWords(target: Target): string {
  const when = [
    target.instant !== false && `each job from score ${target.minScore ?? 'the threshold'}`,
    target.digest !== false && 'a daily digest',
  ].filter(Boolean);
  const to = target.email ? ` to ${target.email.to.join(', ')} over ${target.email.host}` : '';
  return `${target.kind}${to}: ${when.join(' and ') || 'nothing (instant and digest are off)'}`;
}

/** How the target's deliveries went, in words. */
function outcomeWords(target: TargetView): string {
  const secret =
    target.secretStored === false ? `no ${secretWord(target.kind)} stored` : target.secretStored ? `${secretWord(target.kind)} stored` : '';
  const delivery = target.delivery;
  const last = !delivery
    ? 'nothing sent yet'
    : delivery.lastFailedAt && (!delivery.lastDeliveredAt || delivery.lastFailedAt > delivery.lastDeliveredAt)
      ? `failing ${ageOf(delivery.lastFailedAt)} (${delivery.failuresInRow} in a row): ${delivery.lastError ?? 'no reason recorded'}`
      : `last sent ${ageOf(delivery.lastDeliveredAt)}`;
  const test = delivery?.lastTest
    ? `last test ${delivery.lastTest.delivered ? 'reached it' : 'failed'} ${ageOf(delivery.lastTest.at)}`
    : '';
  return [secret, last, test].filter(Boolean).join('; ');
}

/** How often the panel reads the targets again while a test is on its way, and for how long at most. */
const TEST_POLL_MS = 2000;
const TEST_WAIT_MS = 90_000;

/** The answer of a test a target was sent, once the notifier tried it; undefined while it has not. */
function testAnswer(target: TargetView | undefined, requestId: string): string | undefined {
  const delivery = target?.delivery;
  if (!target || delivery?.lastTest?.requestId !== requestId) return undefined;
  return delivery.lastTest.delivered
    ? `The test reached ${target.name}`
    : `The test to ${target.name} failed: ${delivery.lastError ?? 'no reason recorded'}`;
}

/** The target as the config holds it: the view's status fields left out. */
function configOf({ secretStored: _secret, delivery: _delivery, ...target }: TargetView): Target {
  return target;
}

const EMPTY_DRAFT = { name: '', kind: 'slack' as Target['kind'], minScore: '', instant: true, digest: true, host: '', from: '', to: '' };

interface NotificationsPanelProps {
  readonly api: Api;
  readonly announce: (text: string) => void;
  readonly epoch: number;
  readonly onSaved: () => void;
}

/**
 * Notification targets (`GET/PUT /notifications/targets`): each target with what it sends, whether its
 * secret is stored and how its last deliveries went; a form to add one, *Send test*
 * (`POST /notifications/targets/{name}/test`, then the targets read again until the notifier has tried
 * it), *Remove*, and a write-only form for a target's webhook URL or SMTP password
 * (`PUT /notifications/targets/{name}/secret`).
 */
export function NotificationsPanel({ api, announce, epoch, onSaved }: NotificationsPanelProps) {
  const [state, setState] = useState<Targets | null>(null);
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const [secretTarget, setSecretTarget] = useState('');
  const [secretValue, setSecretValue] = useState('');
  const [error, setError] = useState('');
  /** Tests on their way: target name → the request id and when to stop waiting. */
  const [testing, setTesting] = useState<Readonly<Record<string, { requestId: string; until: number }>>>({});
  const reload = useCallback(() => api.call<Targets>('/notifications/targets').then(setState), [api]);
  useEffect(() => void reload().catch((failure: unknown) => setError(failureMessage(failure))), [reload, epoch]);
  const targets = state?.targets ?? [];

  // While a test is on its way, read the targets again every few seconds until the notifier has tried it.
  const waiting = Object.keys(testing).length > 0;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => void reload().catch(() => undefined), TEST_POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, reload]);
  useEffect(() => {
    const settled = Object.entries(testing).flatMap(([name, test]) => {
      const answer = testAnswer(
        targets.find((target) => target.name === name),
        test.requestId,
      );
      if (answer) return [{ name, answer }];
      return Date.now() > test.until ? [{ name, answer: `No answer from the notifier about the test to ${name} yet` }] : [];
    });
    if (settled.length === 0) return;
    for (const { answer } of settled) announce(answer);
    setTesting((current) => Object.fromEntries(Object.entries(current).filter(([name]) => !settled.some((done) => done.name === name))));
  }, [state]);

  const show = (failure: unknown) => {
    const errors = failure instanceof ApiFailure ? (failure.details as { errors?: string[] } | null)?.errors : undefined;
    setError(errors?.length ? `${failureMessage(failure)}: ${errors.join('; ')}` : failureMessage(failure));
  };
  const saveAll = async (next: readonly Target[], done: string) => {
    setError('');
    try {
      await api.call('/notifications/targets', {
        method: 'PUT',
        body: {
          targets: next,
          expectedVersion: state?.version,
          ...(state?.digestSchedule ? { digestSchedule: state.digestSchedule } : {}),
        },
      });
      announce(done);
      onSaved();
      return true;
    } catch (failure) {
      show(failure);
      return false;
    }
  };
  const add = async (event: Event) => {
    event.preventDefault();
    const target: Target = {
      name: draft.name.trim(),
      kind: draft.kind,
      instant: draft.instant,
      digest: draft.digest,
      ...(draft.minScore.trim() ? { minScore: Number(draft.minScore) } : {}),
      ...(draft.kind === 'email'
        ? { email: { host: draft.host.trim(), from: draft.from.trim(), to: draft.to.split(/[\s,]+/).filter(Boolean) } }
        : {}),
    };
    if (await saveAll([...targets.map(configOf), target], `Notification target ${target.name} added`)) {
      setSecretTarget(target.name);
      setDraft(EMPTY_DRAFT);
    }
  };
  const storeSecret = async (event: Event) => {
    event.preventDefault();
    setError('');
    const name = secretTarget || targets[0]?.name || '';
    try {
      await api.call(`/notifications/targets/${encodeURIComponent(name)}/secret`, { method: 'PUT', body: { value: secretValue } });
      setSecretValue('');
      announce(`Stored the secret of ${name}`);
      await reload();
    } catch (failure) {
      show(failure);
    }
  };
  const sendTest = async (name: string) => {
    setError('');
    try {
      const { requestId } = await api.call<{ requestId: string }>(`/notifications/targets/${encodeURIComponent(name)}/test`, {
        method: 'POST',
      });
      setTesting((current) => ({ ...current, [name]: { requestId, until: Date.now() + TEST_WAIT_MS } }));
      announce(`Sending a test to ${name}…`);
    } catch (failure) {
      show(failure);
    }
  };
  const set = (field: 'name' | 'minScore' | 'host' | 'from' | 'to') => (value: string) => setDraft({ ...draft, [field]: value });
  const chosen = targets.find((target) => target.name === secretTarget) ?? targets[0];

  return (
    <section class="panel" aria-labelledby="notifications-title">
      <h2 id="notifications-title">Notifications</h2>
      <p class="hint">
        New jobs over a target's score are sent at once (at most its hourly limit), the rest in a daily digest
        {state?.digestSchedule ? ` (schedule ${state.digestSchedule}, UTC)` : ' (07:00 UTC)'}. Webhook URLs and SMTP passwords go straight
        to the secret store and are never shown back.
      </p>
      {targets.length > 0 ? (
        <ul class="target-list" aria-label="Notification targets">
          {targets.map((target) => (
            <li key={target.name}>
              <strong>{target.name}</strong> {settingsWords(target)}.{' '}
              <span class="target-outcome">{testing[target.name] ? 'Test on its way…' : outcomeWords(target)}</span>
              <button
                type="button"
                class="secondary inline"
                aria-label={`Send test to notification target ${target.name}`}
                disabled={testing[target.name] !== undefined}
                onClick={() => void sendTest(target.name)}
              >
                Send test
              </button>
              <button
                type="button"
                class="secondary inline"
                aria-label={`Remove notification target ${target.name}`}
                onClick={() =>
                  void saveAll(
                    targets.filter((other) => other.name !== target.name).map(configOf),
                    `Notification target ${target.name} removed`,
                  )
                }
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>No targets yet.</p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <form class="stacked" aria-label="Add a notification target" onSubmit={add}>
        <Field label="Target name" name="targetName" required pattern="[a-z0-9][a-z0-9\-]{0,62}" value={draft.name} onValue={set('name')} />
        <label>
          Kind
          <select
            name="targetKind"
            value={draft.kind}
            onChange={(event) => setDraft({ ...draft, kind: event.currentTarget.value as Target['kind'] })}
          >
            <option value="slack">Slack-compatible webhook</option>
            <option value="webhook">JSON webhook</option>
            <option value="email">Email over SMTP</option>
          </select>
        </label>
        <Field
          label="Instant from score (empty: the scoring threshold)"
          name="minScore"
          type="number"
          value={draft.minScore}
          onValue={set('minScore')}
        />
        <label class="check">
          <input
            type="checkbox"
            name="instant"
            checked={draft.instant}
            onChange={(event) => setDraft({ ...draft, instant: event.currentTarget.checked })}
          />{' '}
          Send each job at once
        </label>
        <label class="check">
          <input
            type="checkbox"
            name="digest"
            checked={draft.digest}
            onChange={(event) => setDraft({ ...draft, digest: event.currentTarget.checked })}
          />{' '}
          Send a daily digest
        </label>
        {draft.kind === 'email' && (
          <>
            <Field label="SMTP server" name="smtpHost" required value={draft.host} onValue={set('host')} />
            <Field label="From address" name="from" required value={draft.from} onValue={set('from')} />
            <Field label="To addresses (comma-separated)" name="to" required value={draft.to} onValue={set('to')} />
          </>
        )}
        <div class="actions">
          <button type="submit">Add target</button>
        </div>
      </form>
      {chosen && (
        <form class="stacked" aria-label="Store a target's secret" onSubmit={storeSecret}>
          <label>
            Target
            <select name="secretTarget" value={chosen.name} onChange={(event) => setSecretTarget(event.currentTarget.value)}>
              {targets.map((target) => (
                <option key={target.name} value={target.name}>
                  {target.name}
                </option>
              ))}
            </select>
          </label>
          <Field
            label={`Its ${secretWord(chosen.kind)}`}
            name="targetSecret"
            type="password"
            required
            autoComplete="new-password"
            value={secretValue}
            onValue={setSecretValue}
          />
          <div class="actions">
            <button type="submit">Store secret</button>
          </div>
        </form>
      )}
    </section>
  );
}
