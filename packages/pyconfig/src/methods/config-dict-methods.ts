import { PyTuple, type PyValue } from '@shardwise/core';
import { arg, maxArgs } from '../builtins/call-args.js';
import { deepCopy } from '../builtins/deep-copy.js';
import { dictDelete, dictGet } from '../values/dict-keys.js';
import { configDictCopy, configDictSet, configDictToDict, configDictUpdate } from '../values/config-dict.js';
import type { ConfigDict } from '../values/runtime-objects.js';
import { dictMethods } from './mapping-methods.js';
import type { Method } from './str-methods.js';

/**
 * The methods of a ConfigDict: dict's, with mmengine's and addict's overrides (mmengine/config/config.py
 * ConfigDict, addict/addict.py Dict). Class attributes not listed here are refused by the attribute lookup.
 */
export const configDictMethods: Record<string, Method<ConfigDict>> = {
  ...(dictMethods as Record<string, Method<ConfigDict>>),
  // `get(key, default=None)` and `pop(key, default=None)`: pop of a missing key gives the default, never KeyError.
  get: (_rt, self, call) => {
    maxArgs(call, 2, 'get', ['key', 'default']);
    return dictGet(self, arg(call, 0, 'key')) ?? arg(call, 1, 'default', null);
  },
  pop: (_rt, self, call) => {
    maxArgs(call, 2, 'pop', ['key', 'default']);
    const key = arg(call, 0, 'key');
    const v = dictGet(self, key);
    if (v === undefined) return arg(call, 1, 'default', null);
    dictDelete(self, key);
    return v;
  },
  update: (_rt, self, call) => {
    configDictUpdate(self, call.args, call.kwargs);
    return null;
  },
  // addict's setdefault: stores the default through the hook but returns the default itself.
  setdefault: (_rt, self, call) => {
    maxArgs(call, 2, 'setdefault', ['key', 'default']);
    const key = arg(call, 0, 'key');
    const v = dictGet(self, key);
    if (v !== undefined) return v;
    const dflt = arg(call, 1, 'default', null);
    configDictSet(self, key, dflt);
    return dflt;
  },
  // mmengine's items()/values() return lists, not views.
  items: (_rt, self) => [...self].map(([k, v]) => new PyTuple([k as PyValue, v])),
  values: (_rt, self) => [...self.values()],
  copy: (_rt, self, call) => {
    maxArgs(call, 0, 'copy');
    return configDictCopy(self);
  },
  deepcopy: (_rt, self, call) => {
    maxArgs(call, 0, 'deepcopy');
    return deepCopy(self);
  },
  to_dict: (_rt, self, call) => {
    maxArgs(call, 0, 'to_dict');
    return configDictToDict(self);
  },
};
