import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useSignedIn } from '../session/SessionProvider';
import type { Actors } from './actors';

/**
 * A query against the canisters with the signed-in person's actors; the key is scoped to the principal so one
 * person's data never shows for another after a switch.
 */
export function useCanisterQuery<T>(key: QueryKey, read: (actors: Actors) => Promise<T>, options: { refetchIntervalMs?: number; enabled?: boolean } = {}) {
  const session = useSignedIn();
  return useQuery({
    queryKey: [session.principal, ...key],
    queryFn: () => read(session.actors),
    refetchInterval: options.refetchIntervalMs,
    enabled: options.enabled,
  });
}

/** An update call; on success the queries whose key starts with any of `invalidates` are fetched again. */
export function useCanisterMutation<A, T>(write: (actors: Actors, args: A) => Promise<T>, invalidates: QueryKey[] = []) {
  const session = useSignedIn();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: A) => write(session.actors, args),
    onSuccess: async () => {
      await Promise.all(invalidates.map((key) => client.invalidateQueries({ queryKey: [session.principal, ...key] })));
    },
  });
}
