// Display names and avatars for a room's tiles: the `profiles` property (a map by user id) and a
// resolver the page sets (`setProfileResolver`), asked once per user as they get a tile, sync or
// async. Until a profile arrives, a tile shows the user id's initial on its colour. A resolver
// that throws or rejects is logged, never thrown into the room.
import { isTrtcError } from '../core/errors';
import { createLogger } from '../core/logger';
import { checkProfiles } from './view/profiles';
import type { Profile, Profiles } from './view/profiles';

const log = createLogger('host');

export type ProfileResolver = (
  userId: string,
) => Profile | null | undefined | PromiseLike<Profile | null | undefined>;

export class ProfileSource {
  private resolver: ProfileResolver | null = null;
  private generation = 0;
  private given_: Profiles = {};
  private resolved: Record<string, Profile> = {};
  private readonly asked = new Set<string>();
  private known: readonly string[] = [];
  private disposed = false;

  constructor(private readonly publish: (profiles: Profiles) => void) {}

  /** The `profiles` property (checked by the caller); it wins over what the resolver says. */
  setGiven(profiles: Profiles): void {
    if (profiles === this.given_) return;
    this.given_ = profiles;
    this.emit();
  }

  /** The `profiles` property as last accepted. */
  get given(): Profiles {
    return this.given_;
  }

  /** A new resolver (null removes it): every known user is asked again. */
  setResolver(resolver: ProfileResolver | null): void {
    this.resolver = resolver;
    this.generation += 1;
    this.asked.clear();
    this.resolved = {};
    this.emit();
    this.want(this.known);
  }

  /** The users the room shows now: those not asked yet are. */
  want(userIds: readonly string[]): void {
    this.known = userIds;
    const resolver = this.resolver;
    if (resolver === null || this.disposed) return;
    for (const userId of userIds) {
      if (this.asked.has(userId)) continue;
      this.asked.add(userId);
      this.ask(resolver, userId);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.generation += 1;
  }

  private ask(resolver: ProfileResolver, userId: string): void {
    const generation = this.generation;
    const accept = (profile: Profile | null | undefined): void => {
      if (generation !== this.generation || profile === null || profile === undefined) return;
      try {
        const checked = checkProfiles({ [userId]: profile })[userId];
        if (checked !== undefined) this.resolved = { ...this.resolved, [userId]: checked };
        this.emit();
      } catch (error) {
        if (!isTrtcError(error)) throw error;
        log.warn(`the profile resolver's answer for ${userId} is unusable: ${error.message}`);
      }
    };
    const fail = (error: unknown): void => {
      if (generation === this.generation)
        log.warn(`the profile resolver failed for ${userId}`, error);
    };
    try {
      const answer = resolver(userId);
      if (answer !== null && typeof answer === 'object' && 'then' in answer) {
        Promise.resolve(answer).then(accept, fail);
      } else {
        accept(answer);
      }
    } catch (error) {
      fail(error);
    }
  }

  private emit(): void {
    if (!this.disposed) this.publish({ ...this.resolved, ...this.given_ });
  }
}
