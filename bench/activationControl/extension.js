// The benchmark's control (bench/activation.ts): it loads VS Code's API, as every extension does,
// and does nothing else, so its Activation figure is what VS Code adds to any extension's.
'use strict';
require('vscode');
module.exports.activate = function activate() {};
