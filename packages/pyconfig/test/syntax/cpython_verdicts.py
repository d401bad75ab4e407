"""CPython's verdict on each source, as mmengine loads a config: the bytes are read as UTF-8 text with
universal newlines (open(filename, encoding='utf-8')), then ast.parse. A source ast.parse accepts may still
fail to compile when mmengine executes it (`x = *a`, `return` outside a function): that is `compile`.
Reads a JSON list of base64 sources on stdin; writes a JSON list of {ok, line, col, msg, compile}."""
import ast
import base64
import json
import sys
import warnings

warnings.simplefilter('ignore')  # invalid escapes and number-keyword adjacency are only warnings


def verdict(data):
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError as e:
        before = data[:e.start].decode('utf-8', 'replace').replace('\r\n', '\n').replace('\r', '\n')
        return {'ok': False, 'line': before.count('\n') + 1, 'col': len(before) - (before.rfind('\n') + 1) + 1, 'msg': 'not UTF-8'}
    text = text.replace('\r\n', '\n').replace('\r', '\n')
    try:
        ast.parse(text)
    except SyntaxError as e:
        return {'ok': False, 'line': e.lineno, 'col': e.offset, 'msg': e.msg}
    except ValueError as e:  # null bytes
        return {'ok': False, 'line': None, 'col': None, 'msg': str(e)}
    try:
        compile(text, 'config.py', 'exec')
        return {'ok': True}
    except SyntaxError as e:
        return {'ok': True, 'compile': f'{e.lineno}:{e.offset} {e.msg}'}


json.dump([verdict(base64.b64decode(s)) for s in json.load(sys.stdin)], sys.stdout)
