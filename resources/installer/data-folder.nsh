; ISO Xã installer include (electron-builder.yml, nsis.include): the office's data folder, one
; per PC (electron/main/data-location.ts), %PROGRAMDATA%\ISO Xa\data, which every Windows
; account of the PC may read and change: officials share the PC under their own accounts and
; must all open the same office. Run at every install and update (idempotent); the uninstaller
; leaves the folder alone (the office's data is never removed with the program).
!macro customInstall
  ReadEnvStr $R0 PROGRAMDATA
  StrCmp $R0 "" isoxaNoProgramData
    CreateDirectory "$R0\ISO Xa\data"
    ; *S-1-5-32-545 is the PC's Users group by its SID (its name is translated on a Vietnamese
    ; Windows). (OI)(CI)M: modify, inherited by every file and folder created inside; /T also
    ; fixes what an older install or another account created.
    nsExec::ExecToLog '"$SYSDIR\icacls.exe" "$R0\ISO Xa" /grant *S-1-5-32-545:(OI)(CI)M /T /C /Q'
    Pop $R1
    DetailPrint "ISO Xa data folder: $R0\ISO Xa\data (icacls: $R1)"
    Goto isoxaDataDone
  isoxaNoProgramData:
    DetailPrint "ISO Xa: PROGRAMDATA is not set; the app makes its data folder at first start"
  isoxaDataDone:
!macroend
