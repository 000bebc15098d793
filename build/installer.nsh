; electron-builder NSIS include. IT staff put motcua-provisioning.json in the same folder as
; motcua-setup-<version>.exe; the installer (also silent: /S) copies it next to the installed
; executable, where the app reads it on first run, validates it and enrols with the server.
!macro customInstall
  IfFileExists "$EXEDIR\motcua-provisioning.json" 0 motcuaNoProvisioning
    CopyFiles /SILENT "$EXEDIR\motcua-provisioning.json" "$INSTDIR\motcua-provisioning.json"
  motcuaNoProvisioning:
!macroend

!macro customUnInstall
  Delete "$INSTDIR\motcua-provisioning.json"
!macroend
