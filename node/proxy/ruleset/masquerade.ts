// The masquerade mark and where it is acted on: BOSUN-MARK-MASQ sets the bit, BOSUN-POSTROUTING
// clears it and masquerades the connection (kube-proxy's KUBE-MARK-MASQ / KUBE-POSTROUTING).
import { MARK_MASQ, POSTROUTING, masqMark } from './names.js';
import { comment, type RuleText } from './rule-text.js';

export function writeMasquerade(nat: RuleText): void {
  nat.rule(MARK_MASQ, `-j MARK --or-mark ${masqMark}`);
  nat.rule(POSTROUTING, `-m mark ! --mark ${masqMark}/${masqMark} -j RETURN`);
  nat.rule(POSTROUTING, `-j MARK --xor-mark ${masqMark}`);
  nat.rule(POSTROUTING, `${comment('bosun service traffic requiring SNAT')} -j MASQUERADE --random-fully`);
}
