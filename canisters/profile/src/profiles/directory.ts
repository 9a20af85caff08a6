import { alreadyExists, candidCodec, CommonError, err, isErr, notFound, ok, OrderedKey, PageBounds, Result } from '@chargex/common';
import { Principal, StableBTreeMap } from 'azle';

import { ProfileIdl } from '../idl';
import { PROFILE_MEMORY } from '../memory';
import { NotificationPreferences, Profile, ProfileInput, ProfilePage } from '../types';
import { contactProblem, DEFAULT_NOTIFICATIONS, notificationsProblem } from '../validation/notifications';
import { validateProfileInput } from '../validation/profile_input';

/**
 * Everyone's profile. Besides the map by owner, each profile gets the next number in registration order, a
 * fixed-width key: a page is read with one lookup per profile from the cursor on, never a scan from the start.
 * Profiles are never deleted, so the numbers stay dense.
 */
export class ProfileDirectory {
  private readonly profiles = new StableBTreeMap<Principal, Profile>(
    PROFILE_MEMORY.profiles,
    OrderedKey.principal,
    candidCodec(ProfileIdl)
  );
  private readonly order = new StableBTreeMap<bigint, Principal>(
    PROFILE_MEMORY.profileOrder,
    OrderedKey.u64,
    OrderedKey.principal
  );

  /** Creates `owner`'s profile. */
  register(owner: Principal, input: ProfileInput, now: bigint): Result<Profile, CommonError> {
    if (this.profiles.containsKey(owner)) {
      return err(alreadyExists('profile', owner.toText()));
    }
    const valid = validateProfileInput(input);
    if (isErr(valid)) {
      return valid;
    }
    const profile: Profile = { owner, ...valid.Ok, notifications: DEFAULT_NOTIFICATIONS, created_at: now, updated_at: now };
    this.profiles.insert(owner, profile);
    this.order.insert(BigInt(this.order.len()), owner);
    return ok(profile);
  }

  /** Replaces `owner`'s name and contact details. */
  update(owner: Principal, input: ProfileInput, now: bigint): Result<Profile, CommonError> {
    const current = this.profiles.get(owner);
    if (current === undefined) {
      return err(notFound('profile', owner.toText()));
    }
    const valid = validateProfileInput(input);
    if (isErr(valid)) {
      return valid;
    }
    const problem = contactProblem(current.notifications, valid.Ok, 'contact');
    return problem !== undefined ? err(problem) : ok(this.save({ ...current, ...valid.Ok, updated_at: now }));
  }

  /** Replaces `owner`'s notification preferences. */
  setNotifications(owner: Principal, prefs: NotificationPreferences, now: bigint): Result<Profile, CommonError> {
    const current = this.profiles.get(owner);
    if (current === undefined) {
      return err(notFound('profile', owner.toText()));
    }
    const problem = notificationsProblem(prefs, current);
    return problem !== undefined ? err(problem) : ok(this.save({ ...current, notifications: prefs, updated_at: now }));
  }

  /** `owner`'s profile. */
  get(owner: Principal): Result<Profile, CommonError> {
    const profile = this.profiles.get(owner);
    return profile === undefined ? err(notFound('profile', owner.toText())) : ok(profile);
  }

  /** Profiles in registration order from `bounds.start`. */
  page(bounds: PageBounds): ProfilePage {
    const total = BigInt(this.order.len());
    const end = bounds.start + BigInt(bounds.limit) < total ? bounds.start + BigInt(bounds.limit) : total;
    const profiles: Profile[] = [];
    for (let position = bounds.start; position < end; position++) {
      profiles.push(this.profileAt(position));
    }
    return { profiles, next_cursor: end < total ? [end] : [] };
  }

  /** Number of registered profiles. */
  count(): number {
    return this.order.len();
  }

  private profileAt(position: bigint): Profile {
    const owner = this.order.get(position);
    const profile = owner === undefined ? undefined : this.profiles.get(owner);
    if (profile === undefined) {
      throw new Error(`profile order index broken at ${position}`);
    }
    return profile;
  }

  private save(profile: Profile): Profile {
    this.profiles.insert(profile.owner, profile);
    return profile;
  }
}
